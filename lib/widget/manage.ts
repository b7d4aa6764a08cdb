import { db } from "@/db";
import { insertWidgetAuditEvent, updateAgentAllowedOrigins, updateAgentPublicId } from "@/db/queries/widget";
import { type Actor, auditActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { invalidateWidgetAgent } from "./agent-cache";

// Admin changes made from the embed page. Each is one transaction with its audit row; the
// widget cache is dropped after commit so the change shows on the next request.

/** A leaked snippet stops working: the agent gets a new public id; the old one resolves nothing. */
export async function rotateAgentPublicId(opts: {
  organizationId: number;
  agentPublicId: string;
  actor: Actor;
}): Promise<{ previousId: string; publicId: string }> {
  const newId = await db.transaction(async (tx) => {
    const id = await updateAgentPublicId(tx, opts.organizationId, opts.agentPublicId);
    if (!id) throw new AppError("not_found", MESSAGES.agentNotInOrganization);
    await insertWidgetAuditEvent(tx, {
      organizationId: opts.organizationId,
      ...auditActor(opts.actor),
      action: "agent.public_id_rotated",
      targetPublicId: id,
      metadata: { previous_public_id: opts.agentPublicId },
    });
    return id;
  });
  invalidateWidgetAgent(opts.agentPublicId);
  return { previousId: opts.agentPublicId, publicId: newId };
}

/** Which sites may frame the widget (CSP frame-ancestors on /embed). Already validated. */
export async function setAgentAllowedOrigins(opts: {
  organizationId: number;
  agentPublicId: string;
  origins: string[];
  actor: Actor;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const id = await updateAgentAllowedOrigins(tx, opts.organizationId, opts.agentPublicId, opts.origins);
    if (!id) throw new AppError("not_found", MESSAGES.agentNotInOrganization);
    await insertWidgetAuditEvent(tx, {
      organizationId: opts.organizationId,
      ...auditActor(opts.actor),
      action: "agent.updated",
      targetPublicId: id,
      metadata: { fields: ["allowed_origins"], allowed_origins: opts.origins },
    });
  });
  invalidateWidgetAgent(opts.agentPublicId);
}
