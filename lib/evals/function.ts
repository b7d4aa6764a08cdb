import { NonRetriableError, RetryAfterError } from "inngest";
import { db } from "@/db";
import { findEvalRunByPublicId } from "@/db/queries/evals";
import { beginEvalRun, evaluateCase, failRun, finishRun } from "@/lib/evals/run-steps";
import { inngest } from "@/lib/inngest/client";
import { evalRunRequested, evalRunRequestedSchema } from "@/lib/inngest/events";
import { LlmPermanentError, LlmTransientError } from "@/lib/llm/optimize-prompt";

// begin → one memoised step per case (answer + judge + store) → finish (score, webhook). A crash
// mid-run resumes at the first case without a stored result; finished cases are not re-answered.
export const runEvaluation = inngest.createFunction(
  {
    id: "run-evaluation",
    name: "Evaluate a prompt on the agent's suite",
    triggers: [evalRunRequested],
    concurrency: [{ key: "event.data.organization_id", limit: 2 }],
    idempotency: "event.data.run_public_id",
    retries: 4,
    onFailure: onEvaluationFailure,
  },
  async ({ event, step }) => {
    const data = evalRunRequestedSchema.parse(event.data);
    const runId = await step.run(
      "find-run",
      async () => (await findEvalRunByPublicId(db, data.run_public_id))?.id,
    );
    if (runId === null) return { status: "ignored", reason: "run deleted" };
    const begun = await step.run("begin", () => beginEvalRun(runId));
    if (!begun) return { status: "ignored", reason: "run already ended" };
    for (const caseId of begun.caseIds) {
      await step.run(`case-${caseId}`, () => geminiStep(() => evaluateCase(runId, caseId)));
    }
    const summary = await step.run("finish", () => finishRun(runId));
    return { status: "succeeded", ...summary };
  },
);

/** Transient Gemini errors are retried (after Retry-After); a rejected request ends the run. */
export async function geminiStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof LlmPermanentError) throw new NonRetriableError(e.message);
    if (e instanceof LlmTransientError && e.retryAfterMs)
      throw new RetryAfterError(e.message, e.retryAfterMs);
    throw e;
  }
}

export async function onEvaluationFailure({
  event,
  error,
}: {
  event: { data: { event: { data: unknown } } };
  error: Error;
}) {
  const original = evalRunRequestedSchema.safeParse(event.data.event.data);
  if (!original.success) return { status: "ignored" };
  const run = await findEvalRunByPublicId(db, original.data.run_public_id);
  if (!run) return { status: "ignored" };
  const changed = await failRun(run.id, `Evaluation failed: ${error.message || "unknown error"}`);
  return { status: changed ? "failed" : "unchanged" };
}
