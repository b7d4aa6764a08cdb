import { db } from "@/db";
import { listLatestMessageRows } from "@/db/queries/conversation-read";
import { findUserConversation, listUserConversations } from "@/db/queries/conversation-users";
import type { WidgetAgent } from "@/db/queries/widget";
import { AppError } from "@/lib/errors";
import type { WidgetSession } from "@/lib/widget/token";
import { toMessageResource } from "./serialize";
import { RESUME_MESSAGES } from "./widget";

// A verified user's history follows them to any device: the session's `uid` (proved by the
// site's identity token) opens their conversations with this agent, and no one else's.
const HISTORY_LIMIT = 20;

function userOf(session: WidgetSession) {
  if (!session.user) throw new AppError("not_found", "There is no conversation to resume.");
  return session.user;
}

/** The user's latest conversation (or the one named, if theirs) with its latest messages. */
export async function resumeUserConversation(
  agent: WidgetAgent,
  session: WidgetSession,
  conversationId?: string,
) {
  const found = await findUserConversation(db, agent.id, userOf(session).sub, conversationId);
  if (!found) throw new AppError("not_found", "There is no conversation to resume.");
  const messages = await listLatestMessageRows(db, found.id, RESUME_MESSAGES);
  return { conversation_id: found.publicId, messages: messages.map(toMessageResource) };
}

/** The user's earlier conversations, newest activity first. */
export async function listUserHistory(agent: WidgetAgent, session: WidgetSession) {
  const rows = await listUserConversations(db, agent.id, userOf(session).sub, HISTORY_LIMIT);
  return {
    data: rows.map((r) => ({
      conversation_id: r.publicId,
      last_message_at: r.lastMessageAt.toISOString(),
      message_count: r.messageCount,
      preview: r.preview,
    })),
  };
}
