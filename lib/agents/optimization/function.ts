import { NonRetriableError, RetryAfterError } from "inngest";
import { NOT_CONFIGURED_REASON } from "@/lib/agents/optimization/requested-state";
import {
  cycleFromEvent,
  loadOptimizationTarget,
  markFailed,
  markRunning,
  markSkipped,
  notifySucceeded,
  onOptimizationFailure,
  saveResult,
} from "@/lib/agents/optimization/run-steps";
import { decideGate, type GateDecision, prepareGate } from "@/lib/evals/gate";
import { evaluateCase } from "@/lib/evals/run-steps";
import { inngest } from "@/lib/inngest/client";
import { optimizeRequested, optimizeRequestedSchema } from "@/lib/inngest/events";
import { GEMINI_FUNCTION_LIMITS, geminiStep } from "@/lib/inngest/gemini";
import {
  LlmPermanentError,
  LlmTransientError,
  type OptimizationOutput,
  requestPromptOptimization,
  validateOptimizationOutput,
} from "@/lib/llm/optimize-prompt";

// load → mark running → call Gemini → validate → save (only if the prompt version is unchanged)
// → notify webhooks. Transient Gemini errors are retried with Inngest's backoff; invalid output
// and rejected requests fail at once. The original prompt is never touched.
export const optimizePrompt = inngest.createFunction(
  {
    id: "optimize-prompt",
    name: "Optimize an agent's system prompt",
    triggers: [optimizeRequested],
    ...GEMINI_FUNCTION_LIMITS,
    // One run per request cycle even if the event id dedupe is bypassed (e.g. a manual re-send).
    idempotency:
      "event.data.agent_public_id + ':' + string(event.data.prompt_version) + ':' + event.data.requested_at",
    onFailure: onOptimizationFailure,
  },
  async ({ event, step }) => {
    const cycle = cycleFromEvent(optimizeRequestedSchema.parse(event.data));

    const target = await step.run("load-agent", () => loadOptimizationTarget(cycle));
    if (target.kind === "skip") return { status: "ignored", reason: target.reason };
    if (target.kind === "not_configured") {
      await step.run("mark-skipped", () => markSkipped(cycle, NOT_CONFIGURED_REASON));
      return { status: "skipped", reason: NOT_CONFIGURED_REASON };
    }

    const claimed = await step.run("mark-running", () => markRunning(cycle));
    if (!claimed) return { status: "ignored", reason: "no longer pending" };

    const call = await step.run("call-gemini", async () => {
      try {
        return { ok: true as const, raw: await requestPromptOptimization(target.input) };
      } catch (e) {
        // A rejected request cannot succeed on retry: end the run below with a readable reason.
        if (e instanceof LlmPermanentError) return { ok: false as const, reason: e.message };
        if (e instanceof LlmTransientError && e.retryAfterMs)
          throw new RetryAfterError(e.message, e.retryAfterMs);
        throw e;
      }
    });

    let result: OptimizationOutput;
    try {
      if (!call.ok) throw new LlmPermanentError(call.reason);
      result = { ...validateOptimizationOutput(call.raw.text), metadata: call.raw.metadata };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      await step.run("mark-failed", () => markFailed(cycle, reason));
      throw new NonRetriableError(reason);
    }

    // With a suite, the result is a candidate that must prove itself first (promise 39).
    const gate = await step.run("gate-prepare", () =>
      prepareGate(cycle.organizationId, cycle.agentPublicId, result.optimizedPrompt).then((p) => p ?? null),
    );
    let decision: GateDecision | null = null;
    if (gate) {
      for (const runId of [gate.currentRunId, gate.candidateRunId]) {
        if (runId === null) continue;
        for (const caseId of gate.caseIds) {
          await step.run(`gate-${runId}-${caseId}`, () => geminiStep(() => evaluateCase(runId, caseId)));
        }
      }
      decision = await step.run("gate-decide", () => decideGate(gate));
    }

    const saved = await step.run("save-result", () => saveResult(cycle, result, decision));
    if (!saved) return { status: "discarded", reason: "prompt edited or request superseded during the run" };

    await step.run("notify-webhooks", () => notifySucceeded(cycle, result.rationale));
    if (decision && !decision.accepted) {
      return { status: "rejected", candidate: decision.candidate, current: decision.current };
    }
    return { status: "succeeded", model: result.metadata.model };
  },
);
