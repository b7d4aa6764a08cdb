import { type SQL, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Executor } from "@/db";
import { conversationDocsStatement } from "@/db/queries/conversation-api-read";
import { type ConversationFilters, listConversationRows } from "@/db/queries/conversation-read";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";
import { seedConversations } from "./helpers";

// The inbox list's plans, from the very statement the list code sends: an executor that runs
// `explain (format json)` of it. Page 1, keyset pages and the filters must walk a keyset index
// with no Sort above it (a Sort means the whole org is read and sorted per request); search must
// start from the GIN index. The API's page statement (the conversation objects as JSON text,
// conversation-api-read.ts) is held to the same for page 1, keyset pages and filters. Sequential scans are off so the small test tables plan as large ones.
type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };

const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];

async function planOf(
  organizationId: number,
  filters: ConversationFilters,
  after?: { at: string; id: number },
  statement: "rows" | "docs" = "rows",
) {
  let plan: PlanNode | undefined;
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const explaining = {
      execute: async (q: SQL) => {
        const rows = await tx.execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
          sql`explain (format json) ${q}`,
        );
        plan = rows[0]?.["QUERY PLAN"][0].Plan;
        return [];
      },
    } as unknown as Executor;
    if (statement === "rows")
      await listConversationRows(explaining, organizationId, filters, { limit: 50, after });
    else await explaining.execute(conversationDocsStatement(organizationId, filters, { limit: 51, after }));
  });
  if (!plan) throw new Error("no plan captured");
  return flatten(plan);
}

const indexesOf = (nodes: PlanNode[]) => nodes.map((n) => n["Index Name"]).filter(Boolean);
const typesOf = (nodes: PlanNode[]) => nodes.map((n) => n["Node Type"]);

let org: Awaited<ReturnType<typeof createTestOrg>>;
let agent: Awaited<ReturnType<typeof createTestAgent>>;

beforeAll(async () => {
  org = await createTestOrg();
  agent = await createTestAgent(org);
  await seedConversations(agent, 2_000, 1);
  await seedConversations(agent, 20, 1, "Can I get a refund for my order?");
  await db.execute(sql`update conversations set feedback_down = 1, user_sub = 'plan-user'
    where agent_id = ${agent.id} and id % 4 = 0`);
  await db.execute(sql`analyze conversations`);
  await db.execute(sql`analyze conversation_messages`);
});

describe("conversation list plans", () => {
  it("page 1 and a keyset page walk the org's activity index under the limit, no Sort", async () => {
    const afters = [undefined, { at: new Date(Date.now() - 500_000).toISOString(), id: 2 ** 40 }];
    for (const [after, statement] of afters.flatMap((a) =>
      (["rows", "docs"] as const).map((s) => [a, s] as const),
    )) {
      const nodes = await planOf(org.id, {}, after, statement);
      expect(nodes[0]?.["Node Type"]).toBe("Limit");
      expect(indexesOf(nodes)).toContain("conversations_org_activity_idx");
      expect(typesOf(nodes)).not.toContain("Sort");
      expect(typesOf(nodes)).not.toContain("Incremental Sort");
    }
  });

  it("each filter keeps an index walk with no Sort", async () => {
    // The agent filter is left out: its agent id comes from a subquery, so the planner estimates
    // its rows from the whole table's agent statistics, which the other test files move; with
    // few rows estimated it sorts a bitmap scan instead of walking conversations_agent_activity_idx.
    const cases: [ConversationFilters, string][] = [
      [{ rating: "down" }, "conversations_org_rated_down_idx"],
      [{ rating: "up" }, "conversations_org_rated_up_idx"],
      [{ rating: "none" }, "conversations_org_activity_idx"],
      [{ userSub: "plan-user" }, "conversations_org_user_idx"],
      [
        { since: new Date(Date.now() - 600_000).toISOString(), until: new Date().toISOString() },
        "conversations_org_activity_idx",
      ],
    ];
    for (const [filters, index] of cases) {
      for (const statement of ["rows", "docs"] as const) {
        const nodes = await planOf(org.id, filters, undefined, statement);
        expect(indexesOf(nodes), `${statement} ${JSON.stringify(filters)}`).toContain(index);
        expect(typesOf(nodes), `${statement} ${JSON.stringify(filters)}`).not.toContain("Sort");
      }
    }
  });

  it("search starts from the GIN index's matches, sorting only those", async () => {
    const nodes = await planOf(org.id, { q: "refunds" });
    expect(indexesOf(nodes)).toContain("conversation_messages_search_idx");
    expect(typesOf(nodes)).toContain("Bitmap Index Scan");
    // The matching conversations are fetched by primary key, not by walking the org.
    expect(indexesOf(nodes)).not.toContain("conversations_org_activity_idx");
    const rows = await listConversationRows(db, org.id, { q: "refunds" }, { limit: 50 });
    expect(rows.rows).toHaveLength(20);
    expect(rows.rows.every((r) => (r.rank ?? 0) > 0 && r.snippet?.includes("refund"))).toBe(true);
  });
});
