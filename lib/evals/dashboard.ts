import { db } from "@/db";
import { findEvalSuite, findLatestEvalRun, listEvalResults } from "@/db/queries/evals";
import { findAgentIdInOrganization } from "@/db/queries/prompt-versions";
import type { UseCaseContext } from "@/lib/actor";
import { casesFromCsv } from "@/lib/evals/csv";
import { toEvalRunResource } from "@/lib/evals/get-run";
import { putEvalSuite, toEvalSuiteResource } from "@/lib/evals/suite";
import { GEMINI_CALLS_PER_CASE } from "@/lib/llm/evaluate-case";
import { MAX_EVAL_CASES } from "@/lib/validations/evals";

// What the evaluation page shows, and the CSV import behind its form.

export async function evalPageData(organizationId: number, agentPublicId: string) {
  const agentId = await findAgentIdInOrganization(db, organizationId, agentPublicId);
  if (agentId === undefined) return undefined;
  const [suite, latest] = await Promise.all([findEvalSuite(db, agentId), findLatestEvalRun(db, agentId)]);
  const run = latest ? toEvalRunResource(latest, await listEvalResults(db, latest.id)) : null;
  const resource = toEvalSuiteResource(agentPublicId, suite);
  return { suite: resource, run, expectedCalls: resource.cases.length * GEMINI_CALLS_PER_CASE };
}

/**
 * Adds the good lines of a CSV file to the suite (or replaces it), in one PUT-equivalent write;
 * the bad lines come back by line number and nothing of them is stored.
 */
export async function importEvalCsv(
  ctx: UseCaseContext,
  target: { publicId: string; csv: string; replace: boolean },
) {
  const { cases, problems } = casesFromCsv(target.csv);
  if (cases.length === 0) return { imported: 0, problems };
  const existing = target.replace
    ? []
    : ((await evalPageData(ctx.organizationId, target.publicId))?.suite.cases ?? []);
  const merged = [...existing, ...cases].slice(0, MAX_EVAL_CASES);
  const dropped = existing.length + cases.length - merged.length;
  await putEvalSuite(ctx, { publicId: target.publicId, input: { cases: merged } });
  return {
    imported: cases.length - dropped,
    problems: dropped
      ? [
          ...problems,
          { line: 0, message: `${dropped} cases were left out: a suite has at most ${MAX_EVAL_CASES}.` },
        ]
      : problems,
  };
}
