import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import type { AgentRow } from "@/db/queries/agent-read";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import { startOptimizationCycle } from "@/db/queries/optimization";
import { agents } from "@/db/schema";
import type { UseCaseContext } from "@/lib/actor";
import { isGeminiConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";
import { NOT_CONFIGURED_REASON } from "./requested-state";

/**
 * Re-optimize (API `POST /agents/{id}/optimize` and the dashboard button): starts a new request
 * cycle for the current prompt version unless one is pending/running (409). The cycle's
 * requested_at is part of the event id, so a re-optimize is not swallowed by Inngest's dedupe of
 * the previous cycle, while duplicate sends of this cycle still are. Without a Gemini key the
 * cycle ends at once as `skipped` (the answer is still 202, with that status), as on create.
 */
export async function requestOptimization(
  ctx: UseCaseContext,
  target: { publicId: string },
): Promise<AgentRow> {
  const configured = isGeminiConfigured();
  const { organizationId } = ctx;
  const { publicId } = target;
  await unitOfWork(ctx, async ({ tx, audit, afterCommit }) => {
    const started = await startOptimizationCycle(tx, organizationId, publicId);
    if (!started) {
      const existing = await findAgentByPublicId(tx, organizationId, publicId);
      if (!existing) throw new AppError("not_found", MESSAGES.agentNotFound);
      throw new AppError(
        "optimization_in_progress",
        `An optimization of prompt version ${existing.promptVersion} is already ${existing.optimizationStatus}.`,
        { extra: { optimization_status: existing.optimizationStatus } },
      );
    }
    if (!configured) {
      await tx
        .update(agents)
        .set({ optimizationStatus: "skipped", optimizationError: NOT_CONFIGURED_REASON })
        .where(and(eq(agents.organizationId, organizationId), eq(agents.publicId, publicId)));
    }
    await audit("agent.optimization_requested", publicId, {
      prompt_version: started.promptVersion,
      skipped: !configured,
    });
    // A failed send is re-sent by the outbox flusher.
    if (configured) afterCommit.optimize(started);
  });
  const agent = await findAgentByPublicId(db, organizationId, publicId);
  if (!agent) throw new AppError("not_found", MESSAGES.agentNotFound);
  return agent;
}
