import { db } from "@/db";
import { type EvalResultRow, type EvalRunRow, findEvalRun, listEvalResults } from "@/db/queries/evals";
import { findAgentIdInOrganization } from "@/db/queries/prompt-versions";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";

// An evaluation run with its progress and, per finished case, the reply and each verdict.

export function toEvalRunResource(run: EvalRunRow, results: EvalResultRow[] = []) {
  return {
    object: "eval_run" as const,
    id: run.publicId,
    status: run.status,
    purpose: run.purpose,
    version: run.promptVersion,
    suite_revision: run.suiteRevision,
    score: run.score,
    passed: run.passed,
    error: run.error,
    progress: { done: run.casesDone, total: run.casesTotal },
    expected_gemini_calls: run.expectedCalls,
    created_at: run.createdAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    cases: results.map((r) => ({
      case_id: r.caseId,
      input: r.input,
      reply: r.reply,
      score: r.score,
      passed: r.passed,
      verdicts: r.verdicts.map((v) => ({ kind: v.kind, text: v.text, met: v.met, reason: v.reason })),
    })),
  };
}
export type EvalRunResource = ReturnType<typeof toEvalRunResource>;

/** Three statements: the agent, the run, its results. */
export async function getEvalRun(organizationId: number, agentPublicId: string, runPublicId: string) {
  const agentId = await findAgentIdInOrganization(db, organizationId, agentPublicId);
  if (agentId === undefined) throw new AppError("not_found", MESSAGES.agentNotFound);
  const run = await findEvalRun(db, agentId, runPublicId);
  if (!run) throw new AppError("not_found", "No such evaluation run for this agent.");
  return toEvalRunResource(run, await listEvalResults(db, run.id));
}
