import { db } from "@/db";
import { findPendingCycle } from "@/db/queries/optimization";
import { runInBackground, settleBackgroundWork } from "@/lib/background-work";
import { safeErrorFields } from "@/lib/http/safe-error";
import { log } from "@/lib/logger";
import { sendOptimizationEvent } from "./send-event";

// After-commit hand-off of an optimization request: sends `agent/prompt.optimize.requested` with a
// deterministic id and stamps the agent. Never awaited on the request path and never throws:
// whatever fails here stays pending/unsent and the outbox flusher re-sends it.
export type OptimizationRequest = {
  organizationId: number;
  agentPublicId: string;
  promptVersion: number;
};

export function scheduleOptimizationDispatch(request: OptimizationRequest): void {
  runInBackground(() => dispatchOptimization(request));
}

/** Tests wait for hand-offs that are still running (all background work, in fact). */
export async function settleOptimizationDispatches(): Promise<void> {
  await settleBackgroundWork();
}

async function dispatchOptimization(request: OptimizationRequest): Promise<void> {
  try {
    // The request cycle (requested_at) is part of the event id; read it from the committed row.
    const row = await findPendingCycle(
      db,
      request.organizationId,
      request.agentPublicId,
      request.promptVersion,
    );
    if (!row || row.sentAt) return;
    await sendOptimizationEvent({ ...request, requestedAt: row.requestedAt });
  } catch (e) {
    log("warn", "optimization hand-off failed; the outbox flusher will re-send it", {
      agent_id: request.agentPublicId,
      prompt_version: request.promptVersion,
      ...safeErrorFields(e),
    });
  }
}
