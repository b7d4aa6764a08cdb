import { db } from "@/db";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import {
  claimOptimizationRun,
  endOptimizationCycle,
  type OptimizationCycle,
  saveOptimizedPrompt,
} from "@/db/queries/optimization";
import { findOrganizationNameAndPlan } from "@/db/queries/organizations";
import { insertPromptVersion } from "@/db/queries/prompt-versions";
import { fillPromptVariables, promptVariableValues } from "@/lib/agents/prompt-variables";
import { OPTIMIZER_ACTOR, versionAuthor } from "@/lib/agents/prompt-versions/author";
import { isGeminiConfigured } from "@/lib/env";
import type { GateDecision } from "@/lib/evals/gate";
import { type OptimizeRequested, optimizeRequestedSchema } from "@/lib/inngest/events";
import { onFailureOf } from "@/lib/inngest/on-failure";
import type { OptimizationInput, OptimizationOutput } from "@/lib/llm/optimize-prompt";
import { effectiveModel } from "@/lib/models";
import { queueWebhookEvent } from "@/lib/webhooks/queue-event";

// The work behind each step of the optimize-prompt function. Every function here is safe to run
// again (Inngest retries steps): each write is conditional on the request cycle.

export function cycleFromEvent(data: OptimizeRequested): OptimizationCycle {
  const requestedAt = new Date(data.requested_at);
  return {
    organizationId: data.organization_id,
    agentPublicId: data.agent_public_id,
    promptVersion: data.prompt_version,
    // The epoch stands for "no request timestamp" (rows written before requested_at existed).
    requestedAt: requestedAt.getTime() === 0 ? null : requestedAt,
  };
}

export type LoadResult =
  | { kind: "skip"; reason: string }
  | { kind: "not_configured" }
  | { kind: "ready"; input: OptimizationInput };

export async function loadOptimizationTarget(cycle: OptimizationCycle): Promise<LoadResult> {
  const [agent, org] = await Promise.all([
    findAgentByPublicId(db, cycle.organizationId, cycle.agentPublicId),
    findOrganizationNameAndPlan(db, cycle.organizationId),
  ]);
  if (!agent) return { kind: "skip", reason: "agent deleted" };
  if (agent.promptVersion !== cycle.promptVersion) return { kind: "skip", reason: "prompt edited since" };
  if ((agent.optimizationRequestedAt?.getTime() ?? null) !== (cycle.requestedAt?.getTime() ?? null)) {
    return { kind: "skip", reason: "superseded by a newer request" };
  }
  if (agent.optimizationStatus !== "pending" && agent.optimizationStatus !== "running") {
    return { kind: "skip", reason: `already ${agent.optimizationStatus}` };
  }
  if (!isGeminiConfigured()) return { kind: "not_configured" };
  return {
    kind: "ready",
    input: {
      // The optimizer rewrites the text the model sees, variables filled.
      systemPrompt: fillPromptVariables(
        agent.systemPrompt,
        promptVariableValues({ company: org?.name ?? "", agent: agent.name }),
      ),
      agentName: agent.name,
      personaName: agent.persona.name,
      industry: agent.industry,
      description: agent.description,
      config: agent.config,
      // The plan decides the model, as in chat (lib/models.ts).
      model: effectiveModel(agent.config, org?.plan ?? "free").model,
    },
  };
}

export async function markRunning(cycle: OptimizationCycle): Promise<boolean> {
  return claimOptimizationRun(db, cycle);
}

export async function markSkipped(cycle: OptimizationCycle, reason: string): Promise<boolean> {
  return endOptimizationCycle(db, cycle, "skipped", reason);
}

/**
 * Saves the result if the prompt is unchanged, with its version row in the same transaction.
 * After a gate, the result is switched on only if it was accepted; a rejected candidate is kept
 * (the admin can still switch it on) with both scores in its metadata and on its version.
 */
export async function saveResult(
  cycle: OptimizationCycle,
  result: OptimizationOutput,
  gate: GateDecision | null = null,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const agentId = await saveOptimizedPrompt(tx, cycle, {
      optimizedPrompt: result.optimizedPrompt,
      rationale: result.rationale,
      metadata: {
        ...result.metadata,
        prompt_version: cycle.promptVersion,
        optimized_at: new Date().toISOString(),
        ...(gate ? { gate: gateMetadata(gate) } : {}),
      },
      ...(gate ? { useOptimizedPrompt: gate.accepted } : {}),
    });
    if (agentId === undefined) return false;
    await insertPromptVersion(tx, {
      organizationId: cycle.organizationId,
      agentId,
      source: "optimized",
      systemPrompt: result.optimizedPrompt,
      rationale: result.rationale,
      ...versionAuthor(OPTIMIZER_ACTOR),
      ...(gate
        ? {
            evalRunId: gate.candidateRunId,
            evalSuiteId: gate.suiteId,
            evalScore: gate.candidate.score,
            evalPassed: gate.candidate.passed,
          }
        : {}),
    });
    return true;
  });
}

export function gateMetadata(gate: GateDecision) {
  return {
    decision: gate.accepted ? "accepted" : "rejected",
    candidate_score: gate.candidate.score,
    candidate_passed: gate.candidate.passed,
    current_score: gate.current.score,
    suite_id: gate.suiteId,
  };
}

/** Ends the cycle as failed (only if it is still pending/running) and tells webhooks once. */
export async function markFailed(cycle: OptimizationCycle, reason: string): Promise<boolean> {
  const changed = await endOptimizationCycle(db, cycle, "failed", reason.slice(0, 1_000));
  if (changed) await notifyOptimizationFailed(cycle, reason.slice(0, 1_000));
  return changed;
}

/** Marks the cycle failed with a readable reason (only a cycle the function has not ended). */
export const onOptimizationFailure = onFailureOf(optimizeRequestedSchema, async (data, error) => {
  const reason = `Optimization failed: ${error.message || "unknown error"}`;
  const changed = await markFailed(cycleFromEvent(data), reason);
  return { status: changed ? "failed" : "unchanged" };
});

/** The webhook event of a cycle that ended as failed; sent only by the caller whose update ended it. */
export async function notifyOptimizationFailed(
  cycle: Pick<OptimizationCycle, "organizationId" | "agentPublicId" | "promptVersion">,
  error: string,
) {
  await queueWebhookEvent({
    organizationId: cycle.organizationId,
    type: "agent.optimization.failed",
    data: { agent_id: cycle.agentPublicId, prompt_version: cycle.promptVersion, error },
  });
}

export async function notifySucceeded(cycle: OptimizationCycle, rationale: string) {
  const queued = await queueWebhookEvent({
    organizationId: cycle.organizationId,
    type: "agent.optimization.succeeded",
    data: { agent_id: cycle.agentPublicId, prompt_version: cycle.promptVersion, rationale },
  });
  return { deliveries: queued.deliveryIds.length };
}
