import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/agents/route";
import { db } from "@/db";
import { listAgentsPage, listAgentsPageJson } from "@/lib/agents/list-agents";
import { agentListSchema } from "@/lib/openapi/resources";
import { listAgentsQuerySchema } from "@/lib/validations/agent-list";
import {
  callRoute,
  createTestAgent,
  createTestApiKey,
  createTestKnowledgePack,
  createTestOrg,
} from "@/tests/fixtures";

// The unfiltered list page is written as JSON by Postgres (db/queries/agent-list-json.ts); the
// filtered one by the serializer from the ORM rows. Both must give the same objects.
let org: Awaited<ReturnType<typeof createTestOrg>>;

const query = (q: Record<string, string>) => listAgentsQuerySchema.parse(q);
const withoutCursor = (page: { pagination: Record<string, unknown> }) => ({
  ...page,
  pagination: { ...page.pagination, next_cursor: page.pagination.next_cursor ? "<cursor>" : null },
});

beforeAll(async () => {
  org = await createTestOrg({ plan: "enterprise" });
  const pack = await createTestKnowledgePack(org, { name: 'Pack "quoted" ✓' });
  await createTestAgent(org, { name: "Plain", optimizationStatus: "not_requested" });
  await createTestAgent(org, {
    name: 'Full \u00e9 \u2028 </script> \\ "q"',
    personaKey: "sales",
    knowledgePackId: pack.id,
    optimizedSystemPrompt: "Better prompt\nwith a newline\tand a tab",
    optimizationStatus: "running",
    widgetConfig: { theme: "dark", nested: { a: [1, 2.5, null, true] }, emoji: "🙂" },
    config: { temperature: 0.25, max_tokens: 512 },
    allowedOrigins: ["https://a.example", "https://b.example:8443"],
    status: "disabled",
  });
  await createTestAgent(org, { name: "Failed", optimizationStatus: "failed", optimizationError: "boom" });
  // Sub-millisecond timestamps: the JSON must cut them exactly as Date#toISOString does.
  await db.execute(sql`update agents set updated_at = updated_at + interval '123.789 ms',
    optimization_updated_at = case when name = 'Failed' then now() + interval '0.999 ms' end
    where organization_id = ${org.id}`);
});

describe("GET /api/v1/agents: the Postgres-written page equals the serializer's", () => {
  const pages: Record<string, string>[] = [
    { limit: "10" },
    { limit: "2" },
    { limit: "1", offset: "1" },
    { limit: "5", offset: "7" },
  ];
  for (const q of pages) {
    it(`page ${JSON.stringify(q)}`, async () => {
      const fromJson = JSON.parse(await listAgentsPageJson(org.id, query(q)));
      const fromOrm = await listAgentsPage(org.id, query(q));
      expect(withoutCursor(fromJson)).toEqual(withoutCursor(fromOrm));
      agentListSchema.parse(fromJson);
    });
  }

  it("its cursor walks the same pages as the serializer's", async () => {
    const walk = async (
      page: (
        cursor?: string,
      ) => Promise<{ data: { id: string }[]; pagination: { next_cursor: string | null } }>,
    ) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const p = await page(cursor);
        ids.push(...p.data.map((a) => a.id));
        if (!p.pagination.next_cursor) break;
        cursor = p.pagination.next_cursor;
      }
      return ids;
    };
    const viaJson = await walk(async (cursor) =>
      JSON.parse(await listAgentsPageJson(org.id, query({ limit: "1", ...(cursor ? { cursor } : {}) }))),
    );
    const viaOrm = await walk((cursor) =>
      listAgentsPage(org.id, query({ limit: "1", ...(cursor ? { cursor } : {}) })),
    );
    expect(viaJson).toHaveLength(3);
    expect(viaJson).toEqual(viaOrm);
    // A cursor from one form decodes in the other (instances mid-upgrade serve both).
    const first = await listAgentsPage(org.id, query({ limit: "1" }));
    const next = JSON.parse(
      await listAgentsPageJson(org.id, query({ limit: "1", cursor: first.pagination.next_cursor as string })),
    );
    expect(next.data[0].id).toBe(viaOrm[1]);
  });

  it("through the route: an empty org is an empty list, and another org's agents never appear", async () => {
    const empty = await createTestOrg();
    const { key } = await createTestApiKey(empty);
    const res = await callRoute(listRoute, { path: "/api/v1/agents?limit=50", key });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.json).toEqual({
      object: "list",
      data: [],
      pagination: { limit: 50, offset: 0, total: 0, has_more: false, next_cursor: null },
    });
  });
});
