import { db } from "@/db";
import { listLatestMessageRows } from "@/db/queries/conversation-read";
import { findConversationByResumeHash, rateMessage } from "@/db/queries/conversation-writes";
import type { WidgetAgent } from "@/db/queries/widget";
import { AppError } from "@/lib/errors";
import { unitOfWork } from "@/lib/unit-of-work";
import { mintWidgetToken, type WidgetSession } from "@/lib/widget/token";
import { hashResumeSecret } from "./resume";
import { toMessageResource } from "./serialize";

// The widget's side of conversations: resume after a reload, rate an answer. Anything that is
// not this visitor's (another visitor, another agent, a wrong secret) is 404: it never existed.
export const RESUME_MESSAGES = 100;
const NOTHING_TO_RESUME = "There is no conversation to resume.";

/**
 * The conversation the resume secret opens (this agent only), its latest messages and a session
 * token for the conversation's visitor: the browser continues where it was.
 */
export async function resumeConversation(agent: WidgetAgent, session: WidgetSession, secret: string) {
  const found = await findConversationByResumeHash(db, agent.id, hashResumeSecret(secret));
  // A verified user's conversation opens only for that user; a verified user resumes their own
  // history (lib/conversations/user-history.ts), not an anonymous conversation of this browser.
  if (!found || (found.userSub ?? undefined) !== session.user?.sub) {
    throw new AppError("not_found", NOTHING_TO_RESUME);
  }
  const messages = await listLatestMessageRows(db, found.id, RESUME_MESSAGES);
  const minted = found.userSub
    ? await mintWidgetToken(agent.publicId, session.visitorId, undefined, session.user)
    : await mintWidgetToken(agent.publicId, found.visitorId);
  return {
    conversation_id: found.publicId,
    messages: messages.map(toMessageResource),
    token: minted.token,
    expires_at: minted.expiresAt,
  };
}

export async function rateAnswer(
  agent: WidgetAgent,
  session: WidgetSession,
  input: { message_id: string; rating: "up" | "down"; comment?: string },
): Promise<void> {
  const ctx = { organizationId: agent.organizationId, actor: { type: "system" as const, label: "widget" } };
  await unitOfWork(ctx, async ({ tx, afterCommit }) => {
    const rated = await rateMessage(
      tx,
      {
        agentId: agent.id,
        visitorId: session.visitorId,
        userSub: session.user?.sub,
        messagePublicId: input.message_id.toLowerCase(),
      },
      input.rating,
      input.comment || null,
    );
    if (!rated) throw new AppError("not_found", "No answer with this id in your conversations.");
    afterCommit.webhook("conversation.feedback", {
      conversation_id: rated.conversationPublicId,
      message_id: rated.messagePublicId,
      agent: { id: agent.publicId, name: agent.name },
      rating: input.rating,
      previous_rating: rated.previous,
      comment: input.comment || null,
    });
  });
}
