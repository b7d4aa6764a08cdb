import { db } from "@/db";
import {
  type EvalRunRow,
  type EvalSuiteRow,
  findEvalRunById,
  findEvalSuite,
  findRunOfText,
  insertEvalRun,
} from "@/db/queries/evals";
import { findAgentIdInOrganization } from "@/db/queries/prompt-versions";
import { effectivePrompt } from "@/lib/agents/serialize";
import { beginEvalRun, finishRun } from "@/lib/evals/run-steps";
import { GEMINI_CALLS_PER_CASE } from "@/lib/llm/evaluate-case";

// Gating (promise 39): with a suite, an optimization result is a candidate. The candidate and
// the prompt in use are evaluated on the same suite revision (the in-use score is reused while
// its text and the suite are unchanged); the candidate is switched on only if it scores at
// least as well and breaks no must-not.

export type GatePlan = {
  suiteId: string;
  candidateRunId: number;
  /** null when the in-use prompt's score on this revision is reused. */
  currentRunId: number | null;
  reusedRunId: number | null;
  caseIds: string[];
};

export type GateDecision = {
  accepted: boolean;
  suiteId: string;
  candidateRunId: number;
  candidate: { score: number; passed: boolean };
  current: { score: number; passed: boolean };
};

/** undefined when the agent has no suite: today's behaviour (no gate). */
export async function prepareGate(
  organizationId: number,
  agentPublicId: string,
  candidatePrompt: string,
): Promise<GatePlan | undefined> {
  const agentId = await findAgentIdInOrganization(db, organizationId, agentPublicId);
  if (agentId === undefined) return undefined;
  const suite = await findEvalSuite(db, agentId);
  if (!suite || suite.cases.length === 0) return undefined;
  const agent = await db.query.agents.findFirst({
    columns: { systemPrompt: true, optimizedSystemPrompt: true, useOptimizedPrompt: true },
    where: (a, { eq }) => eq(a.id, agentId),
  });
  if (!agent) return undefined;
  const inUse = effectivePrompt(agent);
  const reused = await findRunOfText(
    db,
    { agentId, suiteRevision: suite.revision, systemPrompt: inUse },
    "succeeded",
  );
  const currentRun = reused ? undefined : await gateRun(organizationId, agentId, suite, inUse);
  const candidateRun = await gateRun(organizationId, agentId, suite, candidatePrompt);
  if (currentRun) await beginEvalRun(currentRun.id);
  await beginEvalRun(candidateRun.id);
  return {
    suiteId: suite.publicId,
    candidateRunId: candidateRun.id,
    currentRunId: currentRun?.id ?? null,
    reusedRunId: reused?.id ?? null,
    caseIds: suite.cases.map((c) => c.id),
  };
}

async function gateRun(organizationId: number, agentId: number, suite: EvalSuiteRow, systemPrompt: string) {
  const active = await findRunOfText(db, { agentId, suiteRevision: suite.revision, systemPrompt }, "active");
  if (active) return active;
  return insertEvalRun(db, {
    organizationId,
    agentId,
    suiteRevision: suite.revision,
    promptVersion: null,
    systemPrompt,
    cases: suite.cases,
    purpose: "gate",
    casesTotal: suite.cases.length,
    expectedCalls: suite.cases.length * GEMINI_CALLS_PER_CASE,
  });
}

/** Scores are stored as 4-byte floats: compare at a precision both sides survive. */
function scoreOf(run: Pick<EvalRunRow, "score" | "passed"> | undefined) {
  return { score: Math.round((run?.score ?? 0) * 1e6) / 1e6, passed: run?.passed ?? false };
}

/** Ends the gate's runs and decides: at least the in-use score, and no broken must-not. */
export async function decideGate(plan: GatePlan): Promise<GateDecision> {
  const candidate = scoreOf(await finishRun(plan.candidateRunId));
  const current =
    plan.currentRunId !== null
      ? scoreOf(await finishRun(plan.currentRunId))
      : scoreOf(plan.reusedRunId !== null ? await findEvalRunById(db, plan.reusedRunId) : undefined);
  return {
    accepted: candidate.passed && candidate.score >= current.score,
    suiteId: plan.suiteId,
    candidateRunId: plan.candidateRunId,
    candidate,
    current,
  };
}
