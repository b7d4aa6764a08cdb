import { sql } from "drizzle-orm";
import { DELETE as deleteOne } from "@/app/api/v1/conversations/[id]/route";
import { db } from "@/db";
import { callRoute } from "@/tests/fixtures";
import { postWidgetMessage, sseEvents } from "@/tests/fixtures/widget-routes";

// Widget chat through the real route: sends one message, returns what the tests look at.
export async function chat(token: string, message: string, conversationId?: string) {
  const res = await postWidgetMessage(token, {
    message,
    ...(conversationId ? { conversation_id: conversationId } : {}),
  });
  const events = sseEvents(res.text);
  const conv = events.find((e) => e.event === "conversation")?.data;
  const done = events.find((e) => e.event === "done")?.data;
  return {
    status: res.status,
    conversationId: conv?.conversation_id as string,
    resumeSecret: conv?.resume_secret as string | undefined,
    messageId: done?.message_id as string,
  };
}

/**
 * Seeds `conversations` conversations of `perConversation` messages each by SQL (one statement
 * per table), activity one second apart, for lists, search and export at size.
 */
export async function seedConversations(
  agent: { id: number; organizationId: number },
  conversations: number,
  perConversation: number,
  content = "Hello, I have a question about my order.",
) {
  const visitor = `seed-${Math.random().toString(36).slice(2, 10)}`;
  await db.transaction(async (tx) => {
    // Seeding at size (tsvector + GIN maintenance) may outlast the app's statement timeout.
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`
    insert into conversations (organization_id, agent_id, visitor_id, last_message_at, message_count)
    select ${agent.organizationId}, ${agent.id}, ${visitor} || '-' || g, now() - (g || ' seconds')::interval,
      ${perConversation}
    from generate_series(1, ${conversations}) g`);
    await tx.execute(sql`
    insert into conversation_messages (conversation_id, role, content)
    select c.id, (case when k % 2 = 0 then 'assistant' else 'user' end)::message_role, ${content}
    from conversations c cross join generate_series(1, ${perConversation}) k
    where c.agent_id = ${agent.id} and c.visitor_id like ${`${visitor}-%`}
    order by c.id, k`);
  });
  return visitor;
}

/** DELETE /api/v1/conversations/{id} through the real route. */
export const deleteConversation = (key: string, id: string) =>
  callRoute(deleteOne, { method: "DELETE", path: `/api/v1/conversations/${id}`, key, params: { id } });
