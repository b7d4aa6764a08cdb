import { updateAgentIdentitySecret } from "@/db/queries/widget";
import type { UseCaseContext } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";
import { encryptIdentitySecret, identityKey, newIdentitySecret } from "./secret";

/**
 * Creates or rotates the agent's identity secret and returns it, once (it is never shown again).
 * The previous secret stops verifying at commit; after it, the widget cache is dropped here and,
 * through the invalidation channel, on every other instance. The audit row names no secret.
 */
export async function rotateIdentitySecret(
  ctx: UseCaseContext,
  target: { publicId: string },
): Promise<{ secret: string }> {
  await identityKey(); // may read the database's shared secret: not inside the transaction
  const secret = newIdentitySecret();
  await unitOfWork(ctx, async ({ tx, audit, afterCommit }) => {
    const id = await updateAgentIdentitySecret(tx, ctx.organizationId, target.publicId, (agentId) =>
      encryptIdentitySecret(agentId, secret),
    );
    if (id === undefined) throw new AppError("not_found", MESSAGES.agentNotFound);
    await audit("agent.identity_secret_rotated", target.publicId);
    afterCommit.invalidateWidgetAgent(target.publicId);
  });
  return { secret };
}
