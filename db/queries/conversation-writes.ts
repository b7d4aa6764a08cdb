import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { conversationMessages, conversations } from "@/db/schema";

// The widget's conversation writes. Every counter on the conversation row changes in the same
// statement as the message (or rating) it counts: no read-modify-write, no query per row.

export async function insertConversationRow(
  db: Executor,
  values: {
    organizationId: number;
    agentId: number;
    visitorId: string;
    resumeSecretHash: string;
    userSub?: string;
    userName?: string | null;
    userEmail?: string | null;
  },
) {
  const [row] = await db.insert(conversations).values(values).returning({
    id: conversations.id,
    publicId: conversations.publicId,
    createdAt: conversations.createdAt,
  });
  return row!;
}

/** The conversation a resume secret opens, for this agent only. */
export async function findConversationByResumeHash(db: Executor, agentId: number, hash: string) {
  const rows = await db.execute<{
    id: string;
    public_id: string;
    visitor_id: string;
    user_sub: string | null;
  }>(sql`
    select id, public_id, visitor_id, user_sub from conversations
    where agent_id = ${agentId} and resume_secret_hash = ${hash} limit 1`);
  const r = rows[0];
  return r
    ? { id: Number(r.id), publicId: r.public_id, visitorId: r.visitor_id, userSub: r.user_sub }
    : undefined;
}

/** Inserts one turn and bumps the conversation's count and last activity, in one statement. */
export async function insertMessageCounted(
  db: Executor,
  conversationId: number,
  values: { role: "user" | "assistant"; content: string; inputTokens?: number; outputTokens?: number },
): Promise<{ publicId: string }> {
  const rows = await db.execute<{ public_id: string }>(sql`
    with m as (
      insert into ${conversationMessages} (conversation_id, role, content, input_tokens, output_tokens)
      values (${conversationId}, ${values.role}::message_role, ${values.content},
        ${values.inputTokens ?? null}::int, ${values.outputTokens ?? null}::int)
      returning public_id, created_at
    ), c as (
      update ${conversations} set message_count = message_count + 1,
        last_message_at = greatest(last_message_at, (select created_at from m)), updated_at = now()
      where id = ${conversationId}
    )
    select public_id from m`);
  return { publicId: rows[0]!.public_id };
}

export type FeedbackResult = {
  conversationPublicId: string;
  messagePublicId: string;
  previous: "up" | "down" | null;
};

/**
 * Rates an assistant message of one visitor's conversation with one agent; the conversation's
 * up/down counts move by the difference to the previous rating (the last rating wins). The row
 * lock orders concurrent ratings of the same message. Undefined when no such message exists.
 */
export async function rateMessage(
  db: Executor,
  where: { agentId: number; visitorId: string; userSub?: string; messagePublicId: string },
  rating: "up" | "down",
  comment: string | null,
): Promise<FeedbackResult | undefined> {
  const rows = await db.execute<{ conversation_public_id: string; previous: "up" | "down" | null }>(sql`
    with old as (
      select m.id, m.feedback_rating as previous, c.id as conversation_id, c.public_id as conversation_public_id
      from ${conversationMessages} m join ${conversations} c on c.id = m.conversation_id
      where m.public_id = ${where.messagePublicId} and m.role = 'assistant'
        and c.agent_id = ${where.agentId}
        and ${where.userSub ? sql`c.user_sub = ${where.userSub}` : sql`c.user_sub is null and c.visitor_id = ${where.visitorId}`}
      for update of m
    ), upd as (
      update ${conversationMessages} m set feedback_rating = ${rating}::feedback_rating, feedback_comment = ${comment},
        feedback_at = now(), updated_at = now()
      from old where m.id = old.id
    ), cnt as (
      update ${conversations} c set
        feedback_up = c.feedback_up + (${rating}::text = 'up')::int - (old.previous is not distinct from 'up')::int,
        feedback_down = c.feedback_down + (${rating}::text = 'down')::int - (old.previous is not distinct from 'down')::int
      from old where c.id = old.conversation_id
    )
    select conversation_public_id, previous from old`);
  const row = rows[0];
  return row
    ? {
        conversationPublicId: row.conversation_public_id,
        messagePublicId: where.messagePublicId,
        previous: row.previous,
      }
    : undefined;
}
