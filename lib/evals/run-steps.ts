import { db } from "@/db";
import {
  findEvalRunById,
  findEvalRunByPublicId,
  findEvalRunContext,
  finishEvalRun,
  listEvalResults,
  markEvalRunRunning,
  saveEvalResult,
} from "@/db/queries/evals";
import type { EvalCase, EvalVerdict } from "@/db/schema";
import { evalRunRequestedSchema } from "@/lib/inngest/events";
import { onFailureOf } from "@/lib/inngest/on-failure";
import { retrieveForTurn } from "@/lib/knowledge/context";
import { buildSystemInstruction } from "@/lib/llm/chat";
import { answerCase, judgeCase, scoreCase } from "@/lib/llm/evaluate-case";
import { effectiveModel } from "@/lib/models";
import { queueWebhookEvent } from "@/lib/webhooks/queue-event";

// The work behind each step of an evaluation run. Every function is safe to run again: a case
// already stored is not answered again, and the run's end is conditional on it still running.

/** Marks the run running and lists its case ids; undefined when the run is gone or over. */
export async function beginEvalRun(runId: number) {
  const run = await findEvalRunById(db, runId);
  if (!run || (run.status !== "pending" && run.status !== "running")) return undefined;
  await markEvalRunRunning(db, runId);
  return { caseIds: run.cases.map((c) => c.id) };
}

/**
 * Answers one case with the run's prompt (filled and with knowledge, exactly as chat builds it),
 * judges it and stores the verdicts. The Gemini calls happen outside any transaction.
 */
export async function evaluateCase(runId: number, caseId: string) {
  const found = await findEvalRunContext(db, runId);
  if (!found) return { skipped: true };
  const { run, agent } = found;
  const position = run.cases.findIndex((c) => c.id === caseId);
  const c: EvalCase | undefined = run.cases[position];
  if (!c) return { skipped: true };
  const done = await listEvalResults(db, runId);
  if (done.some((r) => r.caseId === caseId)) return { skipped: true };

  const systemInstruction = buildSystemInstruction(
    {
      name: agent.name,
      systemPrompt: run.systemPrompt,
      optimizedSystemPrompt: null,
      useOptimizedPrompt: false,
      knowledgePack: agent.knowledgePack,
      organization: agent.organization,
    },
    await retrieveForTurn(agent.knowledgePack, c.input, []),
  );
  // The plan decides the model, as in chat: a stored model the plan no longer allows answers on
  // the default one, so an evaluation scores what visitors would actually get.
  const { model } = effectiveModel(agent.config, agent.organization.plan);
  const reply = await answerCase({ systemInstruction, config: agent.config, model, input: c.input });
  const verdicts = await judgeCase(c, reply, model);
  const scored = scoreCase(verdicts);
  await saveEvalResult(db, {
    runId,
    caseId,
    position,
    input: c.input,
    reply,
    verdicts,
    score: scored.score,
    passed: scored.passed,
  });
  return { skipped: false, score: scored.score };
}

/**
 * The run's score is the share of all expectations met, where a case with a broken must-not
 * counts none of its expectations; the run passes when no must-not is broken anywhere.
 */
export function summarize(results: { verdicts: EvalVerdict[] }[]) {
  let met = 0;
  let total = 0;
  let brokeMustNot = false;
  for (const r of results) {
    const s = scoreCase(r.verdicts);
    met += s.met;
    total += s.total;
    brokeMustNot ||= s.brokeMustNot;
  }
  return { score: total === 0 ? 0 : met / total, passed: !brokeMustNot };
}

/** Ends the run with its score and tells webhooks (only the call that ended it). */
export async function finishRun(runId: number) {
  const found = await findEvalRunContext(db, runId);
  if (!found) return undefined;
  const { run, agent } = found;
  const summary = summarize(await listEvalResults(db, runId));
  const ended = await finishEvalRun(db, runId, { status: "succeeded", ...summary });
  if (ended) {
    await queueWebhookEvent({
      organizationId: run.organizationId,
      type: "agent.eval.completed",
      data: {
        agent_id: agent.publicId,
        run_id: run.publicId,
        prompt_version: run.promptVersion,
        purpose: run.purpose,
        score: summary.score,
        passed: summary.passed,
      },
    });
  }
  return summary;
}

export async function failRun(runId: number, reason: string) {
  return finishEvalRun(db, runId, { status: "failed", error: reason.slice(0, 1_000) });
}

/** Fails the run with the error (only a run the function has not ended). */
export const onEvaluationFailure = onFailureOf(evalRunRequestedSchema, async (data, error) => {
  const run = await findEvalRunByPublicId(db, data.run_public_id);
  if (!run) return { status: "ignored" };
  const changed = await failRun(run.id, `Evaluation failed: ${error.message || "unknown error"}`);
  return { status: changed ? "failed" : "unchanged" };
});
