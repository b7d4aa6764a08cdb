import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { fk, internalId, publicId, timestamps } from "./columns";
import { messageRoleEnum } from "./enums";

// Widget chats: the recent turns give the model its context.
export const conversations = pgTable(
  "conversations",
  {
    id: internalId(),
    publicId: publicId(),
    agentId: fk("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    visitorId: text("visitor_id").notNull(),
    ...timestamps,
  },
  (t) => [index("conversations_agent_idx").on(t.agentId, t.createdAt.desc().nullsFirst())],
);

export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: internalId(),
    conversationId: fk("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    role: messageRoleEnum("role").notNull(),
    content: text("content").notNull(),
    // An assistant reply's token usage as Gemini reported it (usageMetadata); null otherwise.
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    ...timestamps,
  },
  (t) => [index("conversation_messages_conversation_idx").on(t.conversationId, t.id.desc().nullsFirst())],
);
