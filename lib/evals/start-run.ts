import { lockAgentForUpdate } from "@/db/queries/agent-manage";
import {
  failAbandonedEvalRuns,
  findEvalSuite,
  findVersionNumberOfText,
  insertEvalRun,
} from "@/db/queries/evals";
import { findPromptVersion } from "@/db/queries/prompt-versions";
import type { UseCaseContext } from "@/lib/actor";
import { effectivePrompt } from "@/lib/agents/serialize";
import { runInBackground } from "@/lib/background-work";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/http/db-errors";
import { EVAL_RUN_REQUESTED } from "@/lib/inngest/events";
import { sendOrWarn } from "@/lib/inngest/send";
import { GEMINI_CALLS_PER_CASE } from "@/lib/llm/evaluate-case";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";
import type { StartEvalRunInput } from "@/lib/validations/evals";

// Starting an evaluation run: a pending row (one active run per agent, by a unique index), then
// the Inngest event after commit. A run whose event was lost stops blocking after a while.
const ABANDONED_AFTER_MINUTES = 15;

export async function startEvalRun(
  ctx: UseCaseContext,
  target: { publicId: string; input: StartEvalRunInput },
) {
  const run = await unitOfWork(ctx, async ({ tx, audit }) => {
    const agent = await lockAgentForUpdate(tx, ctx.organizationId, target.publicId);
    if (!agent) throw new AppError("not_found", MESSAGES.agentNotFound);
    const suite = await findEvalSuite(tx, agent.id);
    if (!suite || suite.cases.length === 0) {
      throw AppError.validation([
        { path: "suite", message: "This agent has no evaluation suite yet; PUT its eval-suite first." },
      ]);
    }
    let systemPrompt: string;
    let promptVersion: number | null;
    if (target.input.version !== undefined) {
      const version = await findPromptVersion(tx, agent.id, target.input.version);
      if (!version)
        throw new AppError("not_found", `This agent has no prompt version ${target.input.version}.`);
      systemPrompt = version.systemPrompt;
      promptVersion = version.version;
    } else {
      const full = await tx.query.agents.findFirst({
        columns: { systemPrompt: true, optimizedSystemPrompt: true, useOptimizedPrompt: true },
        where: (a, { eq }) => eq(a.id, agent.id),
      });
      systemPrompt = effectivePrompt(full!);
      promptVersion = await findVersionNumberOfText(tx, agent.id, systemPrompt);
    }
    await failAbandonedEvalRuns(tx, agent.id, ABANDONED_AFTER_MINUTES);
    try {
      const row = await insertEvalRun(tx, {
        organizationId: ctx.organizationId,
        agentId: agent.id,
        suiteRevision: suite.revision,
        promptVersion,
        systemPrompt,
        cases: suite.cases,
        purpose: "manual",
        casesTotal: suite.cases.length,
        expectedCalls: suite.cases.length * GEMINI_CALLS_PER_CASE,
      });
      await audit("agent.eval_run_started", agent.publicId, {
        run_id: row.publicId,
        prompt_version: promptVersion,
      });
      return row;
    } catch (e) {
      if (isUniqueViolation(e, "agent_eval_runs_one_active")) {
        throw new AppError("eval_run_in_progress", "This agent already has an evaluation run in progress.");
      }
      throw e;
    }
  });
  runInBackground(() => sendEvalRunEvent(ctx.organizationId, run.publicId));
  return run;
}

async function sendEvalRunEvent(organizationId: number, runPublicId: string) {
  await sendOrWarn(
    {
      id: `eval-run:${runPublicId}`,
      name: EVAL_RUN_REQUESTED,
      data: { organization_id: organizationId, run_public_id: runPublicId },
    },
    "eval run hand-off failed; the run is failed as abandoned later",
    { run_id: runPublicId },
  );
}
