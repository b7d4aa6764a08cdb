import { db } from "@/db";
import { type OptimizationCycle, stampOptimizationEventSent } from "@/db/queries/optimization";
import { inngest } from "@/lib/inngest/client";
import { OPTIMIZE_REQUESTED, optimizeEventId } from "@/lib/inngest/events";

/**
 * Sends `agent/prompt.optimize.requested` for one request cycle and stamps the row as sent (only
 * if it is still that cycle). Throws when the send fails; callers decide how loud to be.
 */
export async function sendOptimizationEvent(cycle: OptimizationCycle): Promise<{ stamped: boolean }> {
  await inngest.send({
    id: optimizeEventId(cycle.agentPublicId, cycle.promptVersion, cycle.requestedAt),
    name: OPTIMIZE_REQUESTED,
    data: {
      organization_id: cycle.organizationId,
      agent_public_id: cycle.agentPublicId,
      prompt_version: cycle.promptVersion,
      requested_at: (cycle.requestedAt ?? new Date(0)).toISOString(),
    },
  });
  return { stamped: await stampOptimizationEventSent(db, cycle) };
}
