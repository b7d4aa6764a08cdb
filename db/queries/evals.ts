import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import {
  agentEvalResults,
  agentEvalRuns,
  agentEvalSuites,
  agentPromptVersions,
  agents,
  type EvalCase,
  type EvalVerdict,
} from "@/db/schema";

// Reads and writes of evaluation suites, runs and per-case results.

export async function findEvalSuite(db: Executor, agentId: number) {
  const [row] = await db.select().from(agentEvalSuites).where(eq(agentEvalSuites.agentId, agentId));
  return row;
}
export type EvalSuiteRow = typeof agentEvalSuites.$inferSelect;

/** Replaces the agent's cases in one statement; every replacement is a new revision. */
export async function upsertEvalSuite(
  db: Executor,
  v: { organizationId: number; agentId: number; cases: EvalCase[] },
) {
  const [row] = await db
    .insert(agentEvalSuites)
    .values(v)
    .onConflictDoUpdate({
      target: agentEvalSuites.agentId,
      set: {
        cases: sql`excluded.cases`,
        revision: sql`${agentEvalSuites.revision} + 1`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

export type NewEvalRun = {
  organizationId: number;
  agentId: number;
  suiteRevision: number;
  promptVersion: number | null;
  systemPrompt: string;
  cases: EvalCase[];
  purpose: "manual" | "gate";
  casesTotal: number;
  expectedCalls: number;
};

/** Throws a unique violation (agent_eval_runs_one_active) while the agent has an active run. */
export async function insertEvalRun(db: Executor, v: NewEvalRun) {
  const [row] = await db.insert(agentEvalRuns).values(v).returning();
  return row!;
}
export type EvalRunRow = typeof agentEvalRuns.$inferSelect;

export async function findEvalRun(db: Executor, agentId: number, runPublicId: string) {
  const [row] = await db
    .select()
    .from(agentEvalRuns)
    .where(and(eq(agentEvalRuns.agentId, agentId), eq(agentEvalRuns.publicId, runPublicId)));
  return row;
}

export async function findEvalRunById(db: Executor, runId: number) {
  const [row] = await db.select().from(agentEvalRuns).where(eq(agentEvalRuns.id, runId));
  return row;
}

export async function listEvalResults(db: Executor, runId: number) {
  return db
    .select()
    .from(agentEvalResults)
    .where(eq(agentEvalResults.runId, runId))
    .orderBy(asc(agentEvalResults.position));
}
export type EvalResultRow = typeof agentEvalResults.$inferSelect;

/** pending → running (a retry finds it running already). */
export async function markEvalRunRunning(db: Executor, runId: number) {
  await db
    .update(agentEvalRuns)
    .set({ status: "running" })
    .where(and(eq(agentEvalRuns.id, runId), sql`${agentEvalRuns.status} in ('pending', 'running')`));
}

/**
 * Stores one case's result and the run's progress in one statement. A retried step that already
 * stored the case changes nothing (the unique key), and progress is recounted, never incremented.
 */
export async function saveEvalResult(
  db: Executor,
  r: {
    runId: number;
    caseId: string;
    position: number;
    input: string;
    reply: string;
    verdicts: EvalVerdict[];
    score: number;
    passed: boolean;
  },
) {
  const saved = db
    .$with("saved")
    .as(db.insert(agentEvalResults).values(r).onConflictDoNothing().returning({ id: agentEvalResults.id }));
  await db
    .with(saved)
    .update(agentEvalRuns)
    .set({
      casesDone: sql`(select count(*) from ${agentEvalResults} where ${agentEvalResults.runId} = ${r.runId}) + (select count(*) from ${saved})`,
    })
    .where(eq(agentEvalRuns.id, r.runId));
}

export async function finishEvalRun(
  db: Executor,
  runId: number,
  end: {
    status: "succeeded" | "failed";
    score?: number | null;
    passed?: boolean | null;
    error?: string | null;
  },
) {
  const rows = await db
    .update(agentEvalRuns)
    .set({ ...end, finishedAt: new Date() })
    .where(and(eq(agentEvalRuns.id, runId), sql`${agentEvalRuns.status} in ('pending', 'running')`))
    .returning({ id: agentEvalRuns.id });
  return rows.length > 0;
}

/**
 * The newest run of exactly this text on exactly this suite revision: `succeeded` (a score to
 * reuse) or `active` (a gate run a retried step must not start twice).
 */
export async function findRunOfText(
  db: Executor,
  run: { agentId: number; suiteRevision: number; systemPrompt: string },
  state: "succeeded" | "active",
) {
  const [row] = await db
    .select()
    .from(agentEvalRuns)
    .where(
      and(
        eq(agentEvalRuns.agentId, run.agentId),
        eq(agentEvalRuns.suiteRevision, run.suiteRevision),
        eq(agentEvalRuns.systemPrompt, run.systemPrompt),
        state === "succeeded"
          ? eq(agentEvalRuns.status, "succeeded")
          : sql`${agentEvalRuns.status} in ('pending', 'running') and ${agentEvalRuns.purpose} = 'gate'`,
      ),
    )
    .orderBy(desc(agentEvalRuns.id))
    .limit(1);
  return row;
}

/** The newest version with exactly this text (the version an unversioned run measures). */
export async function findVersionNumberOfText(db: Executor, agentId: number, systemPrompt: string) {
  const [row] = await db
    .select({ version: agentPromptVersions.version })
    .from(agentPromptVersions)
    .where(and(eq(agentPromptVersions.agentId, agentId), eq(agentPromptVersions.systemPrompt, systemPrompt)))
    .orderBy(desc(agentPromptVersions.version))
    .limit(1);
  return row?.version ?? null;
}

/** A run that was never picked up (its event was lost) stops blocking new runs after a while. */
export async function failAbandonedEvalRuns(db: Executor, agentId: number, olderThanMinutes: number) {
  await db
    .update(agentEvalRuns)
    .set({ status: "failed", error: "The run never started.", finishedAt: new Date() })
    .where(
      and(
        eq(agentEvalRuns.agentId, agentId),
        eq(agentEvalRuns.status, "pending"),
        sql`${agentEvalRuns.createdAt} < now() - make_interval(mins => ${olderThanMinutes})`,
      ),
    );
}

/** What answering a case needs: the run's snapshot and the agent's names, knowledge and config. */
export async function findEvalRunContext(db: Executor, runId: number) {
  const run = await db.query.agentEvalRuns.findFirst({ where: eq(agentEvalRuns.id, runId) });
  if (!run) return undefined;
  const agent = await db.query.agents.findFirst({
    columns: { publicId: true, name: true, config: true },
    with: {
      organization: { columns: { name: true, plan: true } },
      knowledgePack: { columns: { id: true, name: true } },
    },
    where: eq(agents.id, run.agentId),
  });
  return agent ? { run, agent } : undefined;
}

export async function findEvalRunByPublicId(db: Executor, runPublicId: string) {
  const [row] = await db
    .select({ id: agentEvalRuns.id })
    .from(agentEvalRuns)
    .where(eq(agentEvalRuns.publicId, runPublicId));
  return row;
}

/** The agent's newest run (agent_eval_runs_agent_newest). */
export async function findLatestEvalRun(db: Executor, agentId: number) {
  const [row] = await db
    .select()
    .from(agentEvalRuns)
    .where(eq(agentEvalRuns.agentId, agentId))
    .orderBy(desc(agentEvalRuns.id))
    .limit(1);
  return row;
}
