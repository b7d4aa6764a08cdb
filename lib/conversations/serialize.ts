import type { ConversationRow, MessageRow } from "@/db/queries/conversation-read";
import { snippetHtml } from "./snippet";

// The API's conversation and message objects (API.md "Conversations"). No internal id leaves.

export function toConversationResource(r: ConversationRow) {
  return {
    object: "conversation" as const,
    id: r.public_id,
    agent: { id: r.agent_public_id, name: r.agent_name },
    visitor_id: r.visitor_id,
    user: r.user_sub ? { id: r.user_sub, name: r.user_name, email: r.user_email } : null,
    started_at: r.created_at,
    last_message_at: r.last_message_at,
    message_count: r.message_count,
    feedback: { up: r.feedback_up, down: r.feedback_down },
    ...(r.snippet !== undefined
      ? { search: { snippet: snippetHtml(r.snippet ?? ""), rank: r.rank ?? 0 } }
      : {}),
  };
}

export function toMessageResource(m: MessageRow) {
  return {
    object: "message" as const,
    id: m.public_id,
    role: m.role,
    content: m.content,
    created_at: m.created_at,
    feedback: m.feedback_rating ? { rating: m.feedback_rating, comment: m.feedback_comment } : null,
    usage:
      m.input_tokens !== null || m.output_tokens !== null
        ? { input_tokens: m.input_tokens ?? 0, output_tokens: m.output_tokens ?? 0 }
        : null,
    sources: m.sources,
  };
}

export type ConversationResource = ReturnType<typeof toConversationResource>;
export type MessageResource = ReturnType<typeof toMessageResource>;
