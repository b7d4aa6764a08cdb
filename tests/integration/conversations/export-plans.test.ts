import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { EXPORT_START, type ExportKey, exportBatchQuery } from "@/db/queries/conversation-export";
import { EXPORT_BATCH } from "@/lib/conversations/export";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";

// The export batch's plans, from the very statement the export sends, on copies of
// conversations and conversation_messages (same columns and btree indexes, autovacuum off) in
// a schema of this file's own, first before any ANALYZE, then after one: a shared table's
// statistics are whatever the other test files left. A big org and a small one share the
// tables, their conversations interleaved; plans are taken for both, at the start and in the
// middle of the export, as the custom plan of the values and as the generic plan a prepared
// statement moves to. Each must walk the org's conversations through conversations_org_id_idx
// from the key, read messages per conversation through conversation_messages_conversation_idx,
// and sort nothing but one conversation's messages: no Sort above the walk, no sequential scan.
type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Presorted Key"?: string[];
  Plans?: PlanNode[];
};

const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];
const SCHEMA = `export_plans_${process.pid}`;
const BIG = 20_000;
const PER_CONVERSATION = 5;

let big: { id: number; agent: number };
let small: { id: number; agent: number };

async function planOf(organizationId: number, after: ExportKey, generic: boolean) {
  const q = exportBatchQuery(organizationId, {}, "csv", after, EXPORT_BATCH);
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local search_path = ${SCHEMA}, public`));
    // generic_plan: the statement with its $n unbound, as a prepared statement's generic plan.
    const rows = generic
      ? await tx.execute(sql.raw(`explain (generic_plan, format json) ${q.sql}`))
      : await tx.execute(sql`explain (format json) ${sql.raw(bind(q.sql, q.params))}`);
    const [{ "QUERY PLAN": plan }] = [...rows] as unknown as [{ "QUERY PLAN": [{ Plan: PlanNode }] }];
    return flatten(plan[0].Plan);
  });
}

/** The values inlined as literals, so EXPLAIN sees what a custom plan sees. */
const bind = (text: string, params: unknown[]) =>
  text.replace(/\$(\d+)/g, (_, i) => `'${String(params[Number(i) - 1]).replaceAll("'", "''")}'`);

/** Whether a node's subtree reads the conversations table. */
const readsConversations = (n: PlanNode) => flatten(n).some((x) => x["Relation Name"] === "conversations");

function expectBoundedWalk(nodes: PlanNode[], label: string) {
  const scans = nodes.filter((n) => n["Relation Name"]);
  const on = (table: string) => scans.filter((n) => n["Relation Name"] === table);
  expect(
    on("conversations").map((n) => n["Index Name"]),
    label,
  ).toEqual(["conversations_org_id_idx"]);
  expect(on("conversations")[0]?.["Index Cond"], label).toMatch(/organization_id .*AND \(id >= /);
  expect(on("conversation_messages").length, label).toBeGreaterThan(0);
  for (const scan of on("conversation_messages")) {
    expect(scan["Node Type"], label).not.toBe("Seq Scan");
  }
  const indexes = nodes.map((n) => n["Index Name"]).filter(Boolean);
  expect(indexes, label).toContain("conversation_messages_conversation_idx");
  expect(
    indexes.filter((i) => i?.startsWith("conversation_messages")),
    label,
  ).toEqual(indexes.filter((i) => i === "conversation_messages_conversation_idx"));
  // A Sort may order one conversation's messages; none may sit above the conversations' walk.
  for (const sort of nodes.filter((n) => n["Node Type"] === "Sort")) {
    expect(readsConversations(sort), `${label}: Sort over the org`).toBe(false);
  }
  const incremental = nodes.filter((n) => n["Node Type"] === "Incremental Sort" && readsConversations(n));
  for (const n of incremental) expect(n["Presorted Key"], label).toContain("c.id");
}

async function expectBoundedPlans(stage: string) {
  const middle = await db.execute<{ id: string }>(
    sql.raw(`select id from ${SCHEMA}.conversations where organization_id = ${big.id}
      order by id offset ${BIG / 2} limit 1`),
  );
  const mid: ExportKey = { conversationId: Number([...middle][0]?.id), messageId: 0 };
  for (const [org, after, where] of [
    [big, EXPORT_START, "big org, start"],
    [big, mid, "big org, middle"],
    [small, EXPORT_START, "small org, start"],
  ] as const) {
    for (const generic of [false, true]) {
      const label = `${stage}, ${where}, ${generic ? "generic" : "custom"} plan`;
      expectBoundedWalk(await planOf(org.id, after, generic), label);
    }
  }
}

beforeAll(async () => {
  const orgs = [await createTestOrg(), await createTestOrg()];
  const agents = [await createTestAgent(orgs[0]!), await createTestAgent(orgs[1]!)];
  big = { id: orgs[0]!.id, agent: agents[0]!.id };
  small = { id: orgs[1]!.id, agent: agents[1]!.id };
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql.raw(`create schema ${SCHEMA}`));
    for (const table of ["conversations", "conversation_messages"]) {
      await tx.execute(
        sql.raw(`create table ${SCHEMA}.${table} (like public.${table} including defaults including identity)
          with (autovacuum_enabled = off)`),
      );
    }
    // The btree indexes as they are in public (the search index plays no part in the export).
    const defs = await tx.execute<{ def: string }>(sql`select indexdef as def from pg_indexes
      where schemaname = 'public' and tablename in ('conversations', 'conversation_messages')
        and indexdef like '%USING btree%'`);
    for (const { def } of defs) {
      await tx.execute(sql.raw(def.replace(/ ON public\./, ` ON ${SCHEMA}.`)));
    }
    // One small-org conversation in every hundred; messages written round-robin.
    await tx.execute(
      sql.raw(`insert into ${SCHEMA}.conversations (organization_id, agent_id, visitor_id)
      select case when g % 100 = 0 then ${small.id} else ${big.id} end,
        case when g % 100 = 0 then ${small.agent} else ${big.agent} end, 'v' || g
      from generate_series(1, ${BIG + BIG / 99}) g`),
    );
    await tx.execute(
      sql.raw(`insert into ${SCHEMA}.conversation_messages (conversation_id, role, content)
      select c.id, 'user', 'hello' from generate_series(1, ${PER_CONVERSATION}) k
        cross join ${SCHEMA}.conversations c order by k, c.id`),
    );
  });
}, 120_000);

afterAll(async () => {
  await db.execute(sql.raw(`drop schema if exists ${SCHEMA} cascade`));
});

describe("export batch plans", () => {
  it("before ANALYZE: each batch walks the org's conversations by index from the key", async () => {
    const stats = await db.execute<{ n: number }>(
      sql.raw(`select count(*)::int as n from pg_stats where schemaname = '${SCHEMA}'`),
    );
    expect([...stats][0]?.n).toBe(0);
    await expectBoundedPlans("no statistics");
  });

  it("after ANALYZE: the same, for the big org and the small one", async () => {
    await db.execute(sql.raw(`analyze ${SCHEMA}.conversations, ${SCHEMA}.conversation_messages`));
    await expectBoundedPlans("statistics");
  });
});
