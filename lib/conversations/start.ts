import { db } from "@/db";
import { insertConversationRow } from "@/db/queries/conversation-writes";
import type { WidgetAgent } from "@/db/queries/widget";
import { notifyWebhooks } from "@/lib/webhooks/queue-event";
import type { SessionUser } from "@/lib/widget/token";
import { newResumeSecret } from "./resume";

export type StartedConversation = { id: number; publicId: string; resumeSecret: string };

/**
 * A new conversation for this visitor and agent; its resume secret is returned once, to the
 * browser. One statement commits it, then `conversation.started` is queued (after the commit).
 */
export async function startConversation(
  agent: WidgetAgent,
  visitorId: string,
  user?: SessionUser,
): Promise<StartedConversation> {
  const { secret, hash } = newResumeSecret();
  const row = await insertConversationRow(db, {
    organizationId: agent.organizationId,
    agentId: agent.id,
    visitorId,
    resumeSecretHash: hash,
    ...(user ? { userSub: user.sub, userName: user.name, userEmail: user.email } : {}),
  });
  notifyWebhooks({
    organizationId: agent.organizationId,
    type: "conversation.started",
    data: {
      conversation: {
        id: row.publicId,
        agent: { id: agent.publicId, name: agent.name },
        visitor_id: visitorId,
        user: user ? { id: user.sub, name: user.name, email: user.email } : null,
        started_at: row.createdAt.toISOString(),
      },
    },
  });
  return { id: row.id, publicId: row.publicId, resumeSecret: secret };
}
