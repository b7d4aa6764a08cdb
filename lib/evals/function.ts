import { db } from "@/db";
import { findEvalRunByPublicId } from "@/db/queries/evals";
import { beginEvalRun, evaluateCase, finishRun, onEvaluationFailure } from "@/lib/evals/run-steps";
import { inngest } from "@/lib/inngest/client";
import { evalRunRequested, evalRunRequestedSchema } from "@/lib/inngest/events";
import { GEMINI_FUNCTION_LIMITS, geminiStep } from "@/lib/inngest/gemini";

// begin → one memoised step per case (answer + judge + store) → finish (score, webhook). A crash
// mid-run resumes at the first case without a stored result; finished cases are not re-answered.
export const runEvaluation = inngest.createFunction(
  {
    id: "run-evaluation",
    name: "Evaluate a prompt on the agent's suite",
    triggers: [evalRunRequested],
    ...GEMINI_FUNCTION_LIMITS,
    idempotency: "event.data.run_public_id",
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
