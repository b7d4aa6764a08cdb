import { db } from "@/db";
import { decrementAgentCount, deleteAgentRow } from "@/db/queries/agent-manage";
import { lockOrganizationForAgentWrite } from "@/db/queries/agents";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { type Actor, auditActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { notifyWebhooks } from "@/lib/webhooks/queue-event";
import { invalidateWidgetAgent } from "@/lib/widget/agent-cache";

/**
 * Deletes an agent and frees its plan slot in the same transaction: the org row is locked first
 * (the same lock order as create), so a create waiting on the lock sees the decremented count.
 */
export async function deleteAgent(args: { organizationId: number; actor: Actor; publicId: string }) {
  const deleted = await db.transaction(async (tx) => {
    const org = await lockOrganizationForAgentWrite(tx, args.organizationId);
    if (!org) throw new AppError("not_found", "No agent with this id exists.");
    const deleted = await deleteAgentRow(tx, args.organizationId, args.publicId);
    if (!deleted) throw new AppError("not_found", "No agent with this id exists.");
    await decrementAgentCount(tx, args.organizationId);
    await insertAuditEvent(tx, {
      organizationId: args.organizationId,
      ...auditActor(args.actor),
      action: "agent.deleted",
      targetPublicId: deleted.publicId,
      metadata: { name: deleted.name },
    });
    return deleted;
  });
  invalidateWidgetAgent(deleted.publicId);
  // After commit, off the request path: subscribed endpoints hear about it (never throws).
  notifyWebhooks({
    organizationId: args.organizationId,
    type: "agent.deleted",
    data: { agent_id: deleted.publicId, name: deleted.name },
  });
  return deleted;
}
