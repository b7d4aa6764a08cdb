import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { agentRef } from "./agents";
import { fk, internalId, publicId } from "./columns";
import { evalRunPurposeEnum, evalRunStatusEnum } from "./enums";
import { organizationRef } from "./organizations";

// Evaluation suites, runs and per-case results (API.md "Prompt versions and evaluations").

export type EvalCase = { id: string; input: string; expectations: string[]; must_not: string[] };

// One suite per agent. The cases (at most 200) are one JSON document, replaced whole by a PUT:
// one statement to read or write, and `revision` names the exact set of cases a run used.
export const agentEvalSuites = pgTable(
  "agent_eval_suites",
  {
    id: internalId(),
    publicId: publicId(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    revision: integer("revision").notNull().default(1),
    cases: jsonb("cases").$type<EvalCase[]>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agent_eval_suites_agent_unique").on(t.agentId)],
);

export type EvalVerdict = { text: string; kind: "expectation" | "must_not"; met: boolean; reason: string };

export const agentEvalRuns = pgTable(
  "agent_eval_runs",
  {
    id: internalId(),
    publicId: publicId(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    suiteRevision: integer("suite_revision").notNull(),
    // The prompt version evaluated, and its exact text (a snapshot: versions are immutable, but
    // a gate run evaluates a candidate that is not a version yet).
    promptVersion: integer("prompt_version"),
    systemPrompt: text("system_prompt").notNull(),
    // The suite's cases at the start: a PUT during the run does not change what it measures.
    cases: jsonb("cases").$type<EvalCase[]>().notNull(),
    purpose: evalRunPurposeEnum("purpose").notNull().default("manual"),
    status: evalRunStatusEnum("status").notNull().default("pending"),
    casesTotal: integer("cases_total").notNull(),
    casesDone: integer("cases_done").notNull().default(0),
    expectedCalls: integer("expected_calls").notNull(),
    score: real("score"),
    passed: boolean("passed"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    // One active run per agent started by an admin, enforced by the database (a second start
    // is a 409). Gate runs are serialized by the optimization function itself.
    uniqueIndex("agent_eval_runs_one_active")
      .on(t.agentId)
      .where(sql`${t.status} in ('pending', 'running') and ${t.purpose} = 'manual'`),
    index("agent_eval_runs_agent_newest").on(t.agentId, t.id),
  ],
);

export const agentEvalResults = pgTable(
  "agent_eval_results",
  {
    id: internalId(),
    runId: fk("run_id")
      .notNull()
      .references(() => agentEvalRuns.id, { onDelete: "cascade" }),
    caseId: text("case_id").notNull(),
    position: integer("position").notNull(),
    input: text("input").notNull(),
    reply: text("reply").notNull(),
    verdicts: jsonb("verdicts").$type<EvalVerdict[]>().notNull(),
    score: real("score").notNull(),
    passed: boolean("passed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  // A retried step writes the same case again: the unique key makes that a no-op.
  (t) => [uniqueIndex("agent_eval_results_run_case_unique").on(t.runId, t.caseId)],
);
