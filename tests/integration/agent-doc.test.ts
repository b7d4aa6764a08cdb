import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/agents/route";
import { db } from "@/db";
import { findAgentDoc } from "@/db/queries/agent-api-read";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import { agents } from "@/db/schema";
import { toAgentResource } from "@/lib/agents/serialize";
import {
  callRoute,
  createTestAgent,
  createTestApiKey,
  createTestKnowledgePack,
  createTestOrg,
} from "@/tests/fixtures";

// The API's list and get answer with the agent object Postgres builds (agent-api-read.ts); every
// other answer (create, update, filtered pages) maps the ORM row with toAgentResource. The two
// must agree field for field and in key order, for awkward values as well as plain ones.

const AWKWARD = 'quote " backslash \\ newline \n tab \t ctrl \u0001 unicode é 漢 😀 </script>';

describe("the agent object built by Postgres", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let key: string;
  const ids: string[] = [];

  beforeAll(async () => {
    org = await createTestOrg({ plan: "enterprise" });
    key = (await createTestApiKey(org)).key;
    const pack = await createTestKnowledgePack(org);
    const plain = await createTestAgent(org);
    const full = await createTestAgent(org, {
      name: `Awkward ${AWKWARD}`,
      systemPrompt: AWKWARD,
      optimizedSystemPrompt: AWKWARD,
      optimizationStatus: "failed",
      optimizationError: AWKWARD,
      knowledgePackId: pack.id,
      allowedOrigins: ["https://a.example", "https://b.example"],
      widgetConfig: { theme: "modern", nested: { list: [1, 2.5, -3e-7, null, true], text: AWKWARD } },
      config: { temperature: 0.25, max_output_tokens: 1024, language: "de" },
    });
    const pending = await createTestAgent(org, { optimizationStatus: "pending", status: "disabled" });
    // Microseconds that a millisecond form must truncate, not round; a year before 1000.
    await db
      .update(agents)
      .set({
        description: AWKWARD,
        industry: "retail",
        optimizationUpdatedAt: sql`'2026-03-04 05:06:07.999999+00'::timestamptz`,
        createdAt: sql`'0999-12-31 23:59:59.000500+00'::timestamptz`,
      })
      .where(eq(agents.id, full.id));
    ids.push(plain.publicId, full.publicId, pending.publicId);
  });

  it("equals toAgentResource of the ORM row, keys in the same order", async () => {
    for (const publicId of ids) {
      const doc = await findAgentDoc(org.id, publicId);
      const row = await findAgentByPublicId(db, org.id, publicId);
      expect(doc).toEqual(expect.any(String));
      const expected = toAgentResource(row!);
      const parsed = JSON.parse(doc!);
      expect(parsed).toEqual(expected);
      expect(Object.keys(parsed)).toEqual(Object.keys(expected));
      expect(Object.keys(parsed.optimization)).toEqual(Object.keys(expected.optimization));
      // Everything outside the jsonb columns is written compactly, as JSON.stringify writes it.
      const { widget_config: _w, config: _c, ...rest } = expected;
      for (const [k, v] of Object.entries(rest)) {
        expect(doc).toContain(`"${k}":${JSON.stringify(v)}`);
      }
    }
  });

  it("is another org's agent: nothing", async () => {
    const other = await createTestOrg();
    expect(await findAgentDoc(other.id, ids[0]!)).toBeUndefined();
  });

  it("the list page carries the same objects, newest first", async () => {
    const res = await callRoute(listRoute, { path: "/api/v1/agents?limit=10", key });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const expected = await Promise.all(
      res.json.data.map(async (a: { id: string }) =>
        toAgentResource((await findAgentByPublicId(db, org.id, a.id))!),
      ),
    );
    expect(res.json.data).toEqual(expected);
    expect(res.json.data.map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
    expect(res.json.pagination).toEqual({
      limit: 10,
      offset: 0,
      total: 3,
      has_more: false,
      next_cursor: null,
    });
  });
});
