import { sql } from "drizzle-orm";
import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { idColumns, internalId, ownedBy, timestamps } from "./columns";
import { feedbackRatingEnum, messageRoleEnum } from "./enums";
import { organizations } from "./organizations";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

// Widget chats: the recent turns give the model its context; the inbox lists them per org.
// organization_id is denormalized from the agent so every org-scoped list has its own keyset
// index (newest activity first) without a join.
export const conversations = pgTable(
  "conversations",
  {
    ...idColumns(),
    organizationId: ownedBy("organization_id", () => organizations.id),
    agentId: ownedBy("agent_id", () => agents.id),
    visitorId: text("visitor_id").notNull(),
    // The verified visitor (identity issue); null until then.
    userSub: text("user_sub"),
    userName: text("user_name"),
    userEmail: text("user_email"),
    // sha-256 (hex) of the browser-held resume secret; the secret itself is never stored.
    resumeSecretHash: text("resume_secret_hash"),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // Maintained by the same statement that inserts a message or changes a rating.
    messageCount: integer("message_count").notNull().default(0),
    feedbackUp: integer("feedback_up").notNull().default(0),
    feedbackDown: integer("feedback_down").notNull().default(0),
    ...timestamps,
  },
  (t) => {
    // `order by x desc` means nulls first: a key declared `desc` alone is `desc nulls last` here,
    // which that order cannot walk (the planner sorts the whole org instead), NOT NULL or not.
    // A function: drizzle's index builder consumes a column's order when an index takes it.
    const newest = () => [t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()] as const;
    return [
      index("conversations_org_activity_idx").on(t.organizationId, ...newest()),
      index("conversations_agent_activity_idx").on(t.agentId, ...newest()),
      index("conversations_org_user_idx")
        .on(t.organizationId, t.userSub, ...newest())
        .where(sql`${t.userSub} is not null`),
      // Rated conversations are few: rating=up|down walks these instead of filtering the org's.
      index("conversations_org_rated_up_idx")
        .on(t.organizationId, ...newest())
        .where(sql`${t.feedbackUp} > 0`),
      index("conversations_org_rated_down_idx")
        .on(t.organizationId, ...newest())
        .where(sql`${t.feedbackDown} > 0`),
      index("conversations_org_visitor_idx").on(t.organizationId, t.visitorId),
      // The export's keyset: the org's conversations in id order, each one's messages then read
      // through conversation_messages_conversation_idx, so a batch never gathers the whole org.
      index("conversations_org_id_idx").on(t.organizationId, t.id),
      index("conversations_resume_idx").on(t.agentId, t.resumeSecretHash),
    ];
  },
);

export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: internalId(),
    publicId: uuid("public_id").notNull().unique().defaultRandom(),
    conversationId: ownedBy("conversation_id", () => conversations.id),
    role: messageRoleEnum("role").notNull(),
    content: text("content").notNull(),
    feedbackRating: feedbackRatingEnum("feedback_rating"),
    feedbackComment: text("feedback_comment"),
    feedbackAt: timestamp("feedback_at", { withTimezone: true, mode: "date" }),
    // An assistant reply's token usage as Gemini reported it (usageMetadata); null otherwise.
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    // Filled by the knowledge issue: [{ source_id, title, url, snippet }].
    sources: jsonb("sources").notNull().default(sql`'[]'::jsonb`),
    searchVector: tsvector("search_vector").generatedAlwaysAs(sql`to_tsvector('english', content)`),
    ...timestamps,
  },
  (t) => [
    index("conversation_messages_conversation_idx").on(t.conversationId, t.id.desc().nullsFirst()),
    index("conversation_messages_search_idx").using("gin", t.searchVector),
    index("conversation_messages_created_idx").on(t.createdAt),
  ],
);
