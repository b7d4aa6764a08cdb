import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import type { AgentRow } from "@/db/queries/agent-shape";
import { findAgentByPublicId } from "@/db/queries/agents";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { startOptimizationCycle } from "@/db/queries/optimization";
import { agents } from "@/db/schema";
import { type Actor, auditActor } from "@/lib/actor";
import { isGeminiConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { scheduleOptimizationDispatch } from "./dispatch";
import { NOT_CONFIGURED_REASON } from "./requested-state";

/**
 * Re-optimize (API `POST /agents/{id}/optimize` and the dashboard button): starts a new request
 * cycle for the current prompt version unless one is pending/running (409). The cycle's
 * requested_at is part of the event id, so a re-optimize is not swallowed by Inngest's dedupe of
 * the previous cycle, while duplicate sends of this cycle still are. Without a Gemini key the
 * cycle ends at once as `skipped` (the answer is still 202, with that status), as on create.
 */
export async function requestOptimization(args: {
  organizationId: number;
  actor: Actor;
  publicId: string;
}): Promise<AgentRow> {
  const configured = isGeminiConfigured();
  const cycle = await db.transaction(async (tx) => {
    const started = await startOptimizationCycle(tx, args.organizationId, args.publicId);
    if (!started) {
      const existing = await findAgentByPublicId(tx, args.organizationId, args.publicId);
      if (!existing) throw new AppError("not_found", "No agent with this id exists.");
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
        .where(and(eq(agents.organizationId, args.organizationId), eq(agents.publicId, args.publicId)));
    }
    await insertAuditEvent(tx, {
      organizationId: args.organizationId,
      ...auditActor(args.actor),
      action: "agent.optimization_requested",
      targetPublicId: args.publicId,
      metadata: { prompt_version: started.promptVersion, skipped: !configured },
    });
    return started;
  });
  // After commit, never awaited: a failed send is re-sent by the outbox flusher.
  if (configured) scheduleOptimizationDispatch(cycle);
  const agent = await findAgentByPublicId(db, args.organizationId, args.publicId);
  if (!agent) throw new AppError("not_found", "No agent with this id exists.");
  return agent;
}
