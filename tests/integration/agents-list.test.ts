import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/agents/route";
import { db } from "@/db";
import { PAGE_OFFSET } from "@/db/queries/agent-api-read";
import { listAgentsForOrganization } from "@/db/queries/agent-read";
import { countStatements } from "@/db/query-counter";
import { agents } from "@/db/schema";
import { apiKeyLookups } from "@/lib/api-keys/key-cache";
import { rateLimitStore } from "@/lib/rate-limit";
import type { PostgresRateLimitStore } from "@/lib/rate-limit/postgres-store";
import {
  callRoute,
  createTestApiKey,
  createTestKnowledgePack,
  createTestOrg,
  fakeEnv,
  insertTestAgents,
} from "@/tests/fixtures";

beforeAll(() => {
  fakeEnv({ EXPOSE_STATEMENT_COUNT: "1" });
});

async function list(key: string, query: string) {
  return callRoute(listRoute, { path: `/api/v1/agents${query}`, key });
}

/**
 * apiRoute counts its own statements (nested counters do not add up), so read its header; the
 * shared rate limit leases hits (one statement on some requests only), so say how many it sent;
 * the API key is looked up only when this process has not cached it, so say whether it was.
 */
async function counted(key: string, query: string) {
  const store = rateLimitStore() as PostgresRateLimitStore;
  const before = store.roundTrips;
  const lookups = apiKeyLookups();
  const result = await list(key, query);
  const rateLimit = store.roundTrips - before;
  const auth = apiKeyLookups() - lookups;
  return { result, auth, statements: Number(result.headers.get("x-statement-count")) - rateLimit };
}

/** A first request stamps the key's last_used_at (off the request path); later ones do not. */
async function warmKey(key: string) {
  await list(key, "?limit=1");
  await new Promise((r) => setTimeout(r, 100));
}

describe("GET /api/v1/agents: statement counts", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let key: string;
  beforeAll(async () => {
    org = await createTestOrg({ plan: "enterprise" });
    key = (await createTestApiKey(org)).key;
    const pack = await createTestKnowledgePack(org);
    await insertTestAgents(org, 120, { personaKey: "support", knowledgePackId: pack.id });
    await warmKey(key);
  });

  for (const limit of [1, 50, 100]) {
    it(`a page of ${limit} with persona and knowledge pack: list work ≤ 2 statements (offset), 1 (cursor)`, async () => {
      // The query function alone.
      const offsetQ = await countStatements(() =>
        listAgentsForOrganization(db, org.id, { limit, offset: 0 }),
      );
      expect(offsetQ.result.rows).toHaveLength(limit);
      expect(offsetQ.result.rows.every((r) => r.persona.key === "support" && r.knowledgePack)).toBe(true);
      expect(offsetQ.statements).toBeLessThanOrEqual(2);

      // Through the real route handler, counted by apiRoute's own counter (X-Statement-Count):
      // the API key lookup is one statement when sent, subtracted here (the rate limit's, by `counted`).
      const first = await counted(key, `?limit=${limit}`);
      const AUTH = first.auth;
      expect(first.result.status).toBe(200);
      expect(first.result.json.data).toHaveLength(limit);
      expect(first.result.json.data[0].persona.key).toBe("support");
      expect(first.result.json.data[0].knowledge_pack.name).toMatch(/^Pack /);
      expect(first.statements).toBeGreaterThan(AUTH);
      // One statement: the page aggregated into one row, the total read inside it.
      expect(first.statements - AUTH).toBe(1);

      const cursor = first.result.json.pagination.next_cursor;
      expect(cursor).toEqual(expect.any(String));
      const next = await counted(key, `?limit=${limit}&cursor=${cursor}`);
      expect(next.result.status).toBe(200);
      expect(next.result.json.data.length).toBeGreaterThan(0);
      expect(next.result.json.pagination.total).toBeNull();
      expect(next.statements - next.auth).toBe(1);
    });
  }

  it("an offset past the end: an empty page with the total, still one statement", async () => {
    const past = await counted(key, "?limit=50&offset=500");
    expect(past.result.status).toBe(200);
    expect(past.result.json.data).toEqual([]);
    expect(past.result.json.pagination).toEqual({
      limit: 50,
      offset: 500,
      total: 120,
      has_more: false,
      next_cursor: null,
    });
    expect(past.statements - past.auth).toBe(1);
  });

  it("the keyset page uses the list-order index", async () => {
    await db.execute(sql`analyze agents`);
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute<{ "QUERY PLAN": string }>(sql`explain
        select id from agents where organization_id = ${org.id}
          and (created_at, id) < (now()::timestamptz, ${2 ** 40})
        order by created_at desc, id desc limit 51`);
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("agents_org_created_idx");
    expect(text).not.toMatch(/Sort/);
  });
});

describe("GET /api/v1/agents: walking 1,000 agents that share one created_at", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let key: string;
  let expected: string[];
  beforeAll(async () => {
    org = await createTestOrg({ plan: "enterprise", maxAgents: 5000 });
    key = (await createTestApiKey(org)).key;
    await insertTestAgents(org, 1000);
    const same = await db.execute<{ n: number }>(
      sql`select count(distinct created_at)::int as n from agents where organization_id = ${org.id}`,
    );
    expect(same[0]!.n).toBe(1);
    // Newest first = id descending among equal created_at.
    const rows = await db.execute<{ public_id: string }>(
      sql`select public_id from agents where organization_id = ${org.id} order by created_at desc, id desc`,
    );
    expected = rows.map((r) => r.public_id);
  });

  it("the offset page's prepared (generic) plan looks its ids up by index", async () => {
    await db.execute(sql`analyze agents`);
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      await tx.execute(sql.raw(`prepare offset_page(bigint, int, int) as ${PAGE_OFFSET}`));
      const rows = await tx.execute<{ "QUERY PLAN": string }>(
        sql.raw(`explain execute offset_page(${org.id}, 50, 900)`),
      );
      await tx.execute(sql`deallocate offset_page`);
      return rows;
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    // The page's ids (the init plan) drive an index lookup; no second walk hash-joined to them.
    expect(text).toMatch(/Index Cond: .*id = ANY \(\(InitPlan \d+\)/);
    expect(text).not.toMatch(/Hash (Semi )?Join/);
  });

  it("by offset (limit 50): each agent exactly once, newest first", async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 50) {
      const res = await list(key, `?limit=50&offset=${offset}`);
      expect(res.status).toBe(200);
      expect(res.json.pagination.total).toBe(1000);
      seen.push(...res.json.data.map((a: { id: string }) => a.id));
      if (!res.json.pagination.has_more) break;
    }
    expect(seen).toEqual(expected);
  });

  it("by cursor (limit 37), with agents inserted during the walk: no duplicate, no skip", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(key, `?limit=37${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.json.data.map((a: { id: string }) => a.id));
      cursor = res.json.pagination.next_cursor;
      pages++;
      // New agents arrive while the integrator walks: they are newer, so never on later pages.
      if (pages % 5 === 0) await insertTestAgents(org, 3, { namePrefix: `Late ${pages}` });
    } while (cursor);
    expect(pages).toBe(Math.ceil(1000 / 37));
    expect(seen).toEqual(expected);
  });

  it("persona and status filters narrow the list in offset and cursor mode", async () => {
    await insertTestAgents(org, 4, {
      namePrefix: "Seller",
      personaKey: "sales",
      optimizationStatus: "succeeded",
    });
    await insertTestAgents(org, 2, { namePrefix: "Seller pending", personaKey: "sales" });
    const both = await list(key, "?persona=sales&optimization_status=succeeded&limit=3");
    expect(both.status, both.text).toBe(200);
    expect(both.json.pagination.total).toBe(4);
    expect(both.json.data.every((a: { persona: { key: string } }) => a.persona.key === "sales")).toBe(true);
    const rest = await list(
      key,
      `?persona=sales&optimization_status=succeeded&cursor=${both.json.pagination.next_cursor}`,
    );
    expect(rest.status, rest.text).toBe(200);
    expect(rest.json.data).toHaveLength(1);
    expect(rest.json.pagination.next_cursor).toBeNull();
    const persona = await list(key, "?persona=sales&limit=100");
    expect(persona.json.pagination.total).toBe(6);
    const direct = await listAgentsForOrganization(db, org.id, { limit: 10, persona: "sales", q: "pending" });
    expect(direct.rows.map((r) => r.name).sort()).toEqual(["Seller pending 00000", "Seller pending 00001"]);
    expect(direct.total).toBe(2);
    await db
      .delete(agents)
      .where(sql`${agents.organizationId} = ${org.id} and ${agents.name} like 'Seller%'`);
  });

  it("filters narrow the list and cursors stay bound to them", async () => {
    const res = await list(key, "?q=00%2512&limit=5");
    expect(res.status).toBe(200);
    // `%` is matched literally: no name contains "00%12".
    expect(res.json.data).toHaveLength(0);
    const q = await list(key, "?q=00099&limit=100");
    expect(q.json.data.map((a: { name: string }) => a.name.slice(-5))).toEqual(["00099"]);
    const under = await list(key, "?q=_&limit=1");
    expect(under.json.pagination.total).toBe(0);

    const filtered = await list(key, "?optimization_status=not_requested&limit=10");
    const cursor = filtered.json.pagination.next_cursor;
    const replay = await list(key, `?optimization_status=pending&cursor=${cursor}`);
    expect(replay.status).toBe(400);
    expect(replay.json.code).toBe("invalid_cursor");
  });
});

describe("GET /api/v1/agents: bad parameters", () => {
  let key: string;
  let otherKey: string;
  let cursor: string;
  beforeAll(async () => {
    const org = await createTestOrg();
    key = (await createTestApiKey(org)).key;
    await insertTestAgents(org, 3);
    const other = await createTestOrg();
    otherKey = (await createTestApiKey(other)).key;
    await insertTestAgents(other, 3);
    cursor = (await list(key, "?limit=1")).json.pagination.next_cursor;
  });

  it.each(["0", "101", "abc", "1.5", "-1", "100000"])("limit=%s → 422", async (limit) => {
    const res = await list(key, `?limit=${limit}`);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.json.code).toBe("validation_failed");
    expect(res.json.errors[0].path).toBe("limit");
  });

  it("offset together with cursor → 422; unknown persona or status → 422", async () => {
    expect((await list(key, `?offset=0&cursor=${cursor}`)).status).toBe(422);
    expect((await list(key, "?persona=wizard")).status).toBe(422);
    expect((await list(key, "?optimization_status=done")).status).toBe(422);
  });

  it("a tampered, truncated or foreign cursor → 400 invalid_cursor", async () => {
    const flipped = cursor.slice(0, 20) + (cursor[20] === "A" ? "B" : "A") + cursor.slice(21);
    for (const bad of [flipped, cursor.slice(0, 30), "not-a-cursor", "%%%", "A".repeat(600)]) {
      const res = await list(key, `?cursor=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(res.json.code).toBe("invalid_cursor");
    }
    // Another org's key cannot replay this org's cursor.
    const foreign = await list(otherKey, `?cursor=${cursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.json.code).toBe("invalid_cursor");
  });

  it("never exposes internal ids", async () => {
    const res = await list(key, "?limit=3");
    expect(res.json.data).toHaveLength(3);
    for (const a of res.json.data) expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    const ids = await db.select({ id: agents.id }).from(agents).limit(1);
    expect(ids.length).toBe(1);
    expect(res.text).not.toMatch(/"organization_id"|"persona_id"/);
  });
});
