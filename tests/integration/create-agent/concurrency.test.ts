import { describe, expect, it } from "vitest";
import { createTestApiKey, createTestOrg, uniqueSuffix } from "@/tests/fixtures";
import { orgState, postAgent, statusHistogram } from "@/tests/fixtures/agent-api";

// RELIABILITY promises 1–5: the plan limit holds under concurrency, and idempotent retries
// make exactly one agent, through the real route handler on real Postgres (pool = DB_POOL_MAX).
describe("POST /api/v1/agents under concurrency", () => {
  it("never exceeds the plan limit: 200 concurrent creates, limit 10, five rounds", async () => {
    for (let round = 0; round < 5; round++) {
      const org = await createTestOrg({ maxAgents: 10 });
      const { key } = await createTestApiKey(org);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          postAgent(key, { name: `Bot ${round}-${i}`, auto_optimize: false }),
        ),
      );
      expect(statusHistogram(results)).toEqual({ 201: 10, 403: 190 });
      for (const r of results.filter((x) => x.status === 403)) {
        expect(r.json).toMatchObject({ code: "plan_limit_reached", limit: 10, used: 10, plan: "free" });
        expect(r.json.detail).toBe(`Organization ${org.slug} has 10 of 10 agents allowed on the free plan.`);
      }
      expect(await orgState(org.id)).toEqual({ agents: 10, audits: 10, agentCount: 10 });
    }
  });

  it("holds the limit for five orgs interleaved", async () => {
    const orgs = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const org = await createTestOrg({ maxAgents: 4 + i });
        return { org, key: (await createTestApiKey(org)).key, limit: 4 + i };
      }),
    );
    const calls = Array.from({ length: 300 }, (_, i) => {
      const o = orgs[i % orgs.length]!;
      return postAgent(o.key, { name: `Agent ${i}`, auto_optimize: false }).then((r) => ({ ...r, o }));
    });
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    for (const o of orgs) {
      const mine = results.filter((r) => r.o === o);
      expect(statusHistogram(mine)).toEqual({ 201: o.limit, 403: 60 - o.limit });
      expect(await orgState(o.org.id)).toEqual({ agents: o.limit, audits: o.limit, agentCount: o.limit });
    }
  });

  it("makes one agent from 50 concurrent same-key same-body requests", async () => {
    const org = await createTestOrg({ maxAgents: 10 });
    const { key } = await createTestApiKey(org);
    const idem = `retry-${uniqueSuffix()}`;
    const body = { name: "Checkout helper", persona: "sales", auto_optimize: false };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => postAgent(key, body, { headers: { "Idempotency-Key": idem } })),
    );
    expect(statusHistogram(results)).toEqual({ 201: 50 });
    const ids = new Set(results.map((r) => r.json.id));
    expect(ids.size).toBe(1);
    const replayed = results.filter((r) => r.headers.get("idempotent-replayed") === "true");
    expect(replayed).toHaveLength(49);
    for (const r of results) expect(r.headers.get("location")).toBe(`/api/v1/agents/${[...ids][0]}`);
    expect(await orgState(org.id)).toEqual({ agents: 1, audits: 1, agentCount: 1 });
  });

  it("treats the body field like the header, and key order / spelled-out defaults as the same body", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const idem = `k-${uniqueSuffix()}`;
    const first = await postAgent(key, { name: "Same", idempotency_key: idem });
    const second = await postAgent(
      key,
      { auto_optimize: true, persona: "assistant", name: "Same" },
      { headers: { "Idempotency-Key": idem } },
    );
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json).toEqual(first.json);
  });

  it("rejects the same key with a different body (422) and writes nothing", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const headers = { "Idempotency-Key": `k-${uniqueSuffix()}` };
    expect((await postAgent(key, { name: "One" }, { headers })).status).toBe(201);
    const reused = await postAgent(key, { name: "Two" }, { headers });
    expect(reused.status).toBe(422);
    expect(reused.json.code).toBe("idempotency_key_reused");
    expect(reused.headers.get("content-type")).toBe("application/problem+json");
    expect(await orgState(org.id)).toEqual({ agents: 1, audits: 1, agentCount: 1 });
  });

  it("replays a key that already created an agent even at the plan limit", async () => {
    const org = await createTestOrg({ maxAgents: 1 });
    const { key } = await createTestApiKey(org);
    const headers = { "Idempotency-Key": `k-${uniqueSuffix()}` };
    const first = await postAgent(key, { name: "Only one" }, { headers });
    expect(first.status).toBe(201);
    const blocked = await postAgent(key, { name: "Second" });
    expect(blocked.status).toBe(403);
    expect(blocked.json).toMatchObject({ code: "plan_limit_reached", limit: 1, used: 1 });
    const replay = await postAgent(key, { name: "Only one" }, { headers });
    expect(replay.status).toBe(201);
    expect(replay.json.id).toBe(first.json.id);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await orgState(org.id)).toEqual({ agents: 1, audits: 1, agentCount: 1 });
  });

  it("scopes keys to the organization: the same key in two orgs makes two agents", async () => {
    const a = await createTestOrg();
    const b = await createTestOrg();
    const keyA = (await createTestApiKey(a)).key;
    const keyB = (await createTestApiKey(b)).key;
    const headers = { "Idempotency-Key": "shared-key-value" };
    const [ra, rb] = await Promise.all([
      postAgent(keyA, { name: "Twin" }, { headers }),
      postAgent(keyB, { name: "Twin" }, { headers }),
    ]);
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(ra.json.id).not.toBe(rb.json.id);
    expect(rb.headers.get("idempotent-replayed")).toBeNull();
    expect((await orgState(a.id)).agents).toBe(1);
    expect((await orgState(b.id)).agents).toBe(1);
  });
});
