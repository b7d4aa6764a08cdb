import { updateAgentAllowedOrigins, updateAgentPublicId } from "@/db/queries/widget";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";

// Admin changes made from the embed page. Each is one unit of work with its audit row; the
// widget cache is dropped after commit so the change shows on the next request.

/** A leaked snippet stops working: the agent gets a new public id; the old one resolves nothing. */
export async function rotateAgentPublicId(opts: {
  organizationId: number;
  agentPublicId: string;
  actor: Actor;
}): Promise<{ previousId: string; publicId: string }> {
  const newId = await unitOfWork(opts, async ({ tx, audit, afterCommit }) => {
    const id = await updateAgentPublicId(tx, opts.organizationId, opts.agentPublicId);
    if (!id) throw new AppError("not_found", MESSAGES.agentNotInOrganization);
    await audit("agent.public_id_rotated", id, { previous_public_id: opts.agentPublicId });
    afterCommit.invalidateWidgetAgent(opts.agentPublicId);
    return id;
  });
  return { previousId: opts.agentPublicId, publicId: newId };
}

/** Which sites may frame the widget (CSP frame-ancestors on /embed). Already validated. */
export async function setAgentAllowedOrigins(opts: {
  organizationId: number;
  agentPublicId: string;
  origins: string[];
  actor: Actor;
}): Promise<void> {
  await unitOfWork(opts, async ({ tx, audit, afterCommit }) => {
    const id = await updateAgentAllowedOrigins(tx, opts.organizationId, opts.agentPublicId, opts.origins);
    if (!id) throw new AppError("not_found", MESSAGES.agentNotInOrganization);
    await audit("agent.updated", id, { fields: ["allowed_origins"], allowed_origins: opts.origins });
    afterCommit.invalidateWidgetAgent(opts.agentPublicId);
  });
}
