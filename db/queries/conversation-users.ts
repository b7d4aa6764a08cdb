import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { conversations } from "@/db/schema";

// A verified user's conversations with one agent, on any device: what the widget resumes and
// lists. Scoped by agent and user_sub in the WHERE clause.

const ofUser = (agentId: number, userSub: string, conversationPublicId?: string) =>
  and(
    eq(conversations.agentId, agentId),
    eq(conversations.userSub, userSub),
    conversationPublicId ? eq(conversations.publicId, conversationPublicId) : undefined,
  );

/** The user's latest conversation, or the one named (when it is theirs). */
export async function findUserConversation(
  db: Executor,
  agentId: number,
  userSub: string,
  conversationPublicId?: string,
) {
  const [row] = await db
    .select({ id: conversations.id, publicId: conversations.publicId })
    .from(conversations)
    .where(ofUser(agentId, userSub, conversationPublicId))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(1);
  return row;
}

/** The user's conversations, newest activity first, each with its first visitor message. */
export async function listUserConversations(db: Executor, agentId: number, userSub: string, limit: number) {
  return db
    .select({
      publicId: conversations.publicId,
      lastMessageAt: conversations.lastMessageAt,
      messageCount: conversations.messageCount,
      // Written out with an alias: in a one-table select Drizzle prints columns unqualified, so
      // `${conversations.id}` inside this subquery would be read as the message's own id.
      preview: sql<string | null>`(
        select left(m.content, 80) from conversation_messages m
        where m.conversation_id = conversations.id and m.role = 'user'
        order by m.id limit 1)`,
    })
    .from(conversations)
    .where(ofUser(agentId, userSub))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(limit);
}
