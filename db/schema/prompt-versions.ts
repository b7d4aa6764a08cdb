import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agentRef } from "./agents";
import { fk, internalId } from "./columns";
import { actorTypeEnum, promptVersionSourceEnum } from "./enums";
import { organizationRef } from "./organizations";

// One immutable row per prompt an agent has had: created, edited, optimized or restored. Rows
// are only ever inserted (in the transaction that changed the prompt), never updated.
export const agentPromptVersions = pgTable(
  "agent_prompt_versions",
  {
    id: internalId(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    // 1, 2, 3 … per agent; public (it names the version in the API), unlike the id.
    version: integer("version").notNull(),
    source: promptVersionSourceEnum("source").notNull(),
    systemPrompt: text("system_prompt").notNull(),
    rationale: text("rationale"),
    createdByType: actorTypeEnum("created_by_type").notNull(),
    createdByName: text("created_by_name").notNull(),
    restoredFromVersion: integer("restored_from_version"),
    // A restore honours Idempotency-Key: the same key for this agent replays this row.
    idempotencyKey: text("idempotency_key"),
    requestFingerprint: text("request_fingerprint"),
    // The evaluation that decided an optimization result (gating), when there was one.
    evalRunId: fk("eval_run_id"),
    evalSuiteId: uuid("eval_suite_id"),
    evalScore: real("eval_score"),
    evalPassed: boolean("eval_passed"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // Also the list order (newest first) and the keyset cursor.
    uniqueIndex("agent_prompt_versions_agent_version_unique").on(t.agentId, t.version),
    uniqueIndex("agent_prompt_versions_agent_idempotency_key_unique")
      .on(t.agentId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);
