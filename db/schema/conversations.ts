import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { idColumns, internalId, ownedBy, timestamps } from "./columns";
import { messageRoleEnum } from "./enums";

// Widget chats: the recent turns give the model its context.
export const conversations = pgTable(
  "conversations",
  {
    ...idColumns(),
    agentId: ownedBy("agent_id", () => agents.id),
    visitorId: text("visitor_id").notNull(),
    ...timestamps,
  },
  (t) => [index("conversations_agent_idx").on(t.agentId, t.createdAt.desc().nullsFirst())],
);

export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: internalId(),
    conversationId: ownedBy("conversation_id", () => conversations.id),
    role: messageRoleEnum("role").notNull(),
    content: text("content").notNull(),
    // An assistant reply's token usage as Gemini reported it (usageMetadata); null otherwise.
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    ...timestamps,
  },
  (t) => [index("conversation_messages_conversation_idx").on(t.conversationId, t.id.desc().nullsFirst())],
);
