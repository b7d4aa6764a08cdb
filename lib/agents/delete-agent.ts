import { decrementAgentCount, deleteAgentRow } from "@/db/queries/agent-manage";
import { lockOrganizationForAgentWrite } from "@/db/queries/agents";
import type { UseCaseContext } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";

/**
 * Deletes an agent and frees its plan slot in the same transaction: the org row is locked first
 * (the same lock order as create), so a create waiting on the lock sees the decremented count.
 * After commit: the widget cache drops it and subscribed endpoints hear about it.
 */
export async function deleteAgent(ctx: UseCaseContext, target: { publicId: string }) {
  return unitOfWork(ctx, async ({ tx, audit, afterCommit }) => {
    const org = await lockOrganizationForAgentWrite(tx, ctx.organizationId);
    if (!org) throw new AppError("not_found", MESSAGES.agentNotFound);
    const deleted = await deleteAgentRow(tx, ctx.organizationId, target.publicId);
    if (!deleted) throw new AppError("not_found", MESSAGES.agentNotFound);
    await decrementAgentCount(tx, ctx.organizationId);
    await audit("agent.deleted", deleted.publicId, { name: deleted.name });
    afterCommit.invalidateWidgetAgent(deleted.publicId);
    afterCommit.webhook("agent.deleted", { agent_id: deleted.publicId, name: deleted.name });
    return deleted;
  });
}
