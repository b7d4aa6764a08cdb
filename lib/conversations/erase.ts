import { sql } from "drizzle-orm";
import type { UseCaseContext } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { unitOfWork } from "@/lib/unit-of-work";
import { CONVERSATION_NOT_FOUND } from "./read";

// Erasure: the conversations go and their messages (feedback and token usage are columns of
// the messages) with them, by cascade. The audit row says who erased how many, never what.

type Erased = { conversations: number; messages: number };

export async function eraseConversations(
  ctx: UseCaseContext,
  input: { conversationId: string } | { userId: string } | { visitorId: string },
): Promise<Erased> {
  const match =
    "conversationId" in input
      ? sql`public_id = ${input.conversationId}::uuid`
      : "userId" in input
        ? sql`user_sub = ${input.userId}`
        : sql`visitor_id = ${input.visitorId}`;
  const by = "conversationId" in input ? "conversation" : "userId" in input ? "user" : "visitor";
  const erased = await unitOfWork(ctx, async ({ tx, audit }) => {
    const rows = await tx.execute<{ conversations: number; messages: number }>(sql`
      with d as (delete from conversations where organization_id = ${ctx.organizationId} and ${match}
                 returning message_count)
      select count(*)::int as conversations, coalesce(sum(message_count), 0)::int as messages from d`);
    const counts = rows[0] ?? { conversations: 0, messages: 0 };
    if (by === "conversation" && counts.conversations === 0) {
      throw new AppError("not_found", CONVERSATION_NOT_FOUND);
    }
    await audit("conversations.erased", "conversationId" in input ? input.conversationId : null, {
      by,
      conversations: counts.conversations,
      messages: counts.messages,
    });
    return counts;
  });
  return erased;
}
