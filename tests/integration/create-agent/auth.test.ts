import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { totalStatements } from "@/db/query-counter";
import { agents, apiKeys } from "@/db/schema";
import { createTestApiKey, createTestOrg, fakeEnv } from "@/tests/fixtures";
import { orgState, postAgent } from "@/tests/fixtures/agent-api";

// API.md authentication + RELIABILITY promises 6, 9–11, 13: who may create, and where.
const body = { name: "Auth probe", auto_optimize: false };

describe("POST /api/v1/agents authentication and tenancy", () => {
  it("401 with WWW-Authenticate for a missing, malformed, unknown, revoked or expired key", async () => {
    const org = await createTestOrg();
    const revoked = await createTestApiKey(org, { revoked: true });
    const expired = await createTestApiKey(org, { expiresAt: new Date(Date.now() - 1000) });
    const live = await createTestApiKey(org);
    const unknown = live.key.replace(/_[0-9a-f]{64}$/, `_${"0".repeat(64)}`);
    const otherId = `ya_live_${"a".repeat(16)}_${"b".repeat(64)}`;
    for (const [label, key] of [
      ["missing", undefined],
      ["malformed", "not-a-key"],
      ["wrong secret", unknown],
      ["unknown key id", otherId],
      ["revoked", revoked.key],
      ["expired", expired.key],
    ] as const) {
      const res = await postAgent(key, body);
      expect(res.status, label).toBe(401);
      expect(res.json.code).toBe("unauthenticated");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(res.headers.get("x-request-id")).toBeTruthy();
    }
    expect(await orgState(org.id)).toEqual({ agents: 0, audits: 0, agentCount: 0 });
  });

  it("rejects a malformed key without a single SQL statement", async () => {
    const before = totalStatements();
    for (const key of ["ya_live_short", "Bearer-ish", `ya_live_${"A".repeat(16)}_${"0".repeat(64)}`]) {
      expect((await postAgent(key, body)).status).toBe(401);
    }
    expect(totalStatements() - before).toBe(0);
  });

  it("403 insufficient_scope for a read-only key, nothing written", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org, { scopes: ["agents:read"] });
    const res = await postAgent(key, body);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe("insufficient_scope");
    expect((await orgState(org.id)).agents).toBe(0);
  });

  it("organization_id must name the key's own org; org A's key never creates in org B", async () => {
    const a = await createTestOrg();
    const b = await createTestOrg();
    const { key } = await createTestApiKey(a);
    for (const other of [b.slug, b.publicId, "nope"]) {
      const res = await postAgent(key, body, { path: `/api/v1/agents?organization_id=${other}` });
      expect(res.status).toBe(403);
      expect(res.json.code).toBe("organization_mismatch");
    }
    for (const own of [a.slug, a.publicId]) {
      const res = await postAgent(
        key,
        { ...body, name: `Own ${own}` },
        { path: `/api/v1/agents?organization_id=${own}` },
      );
      expect(res.status).toBe(201);
    }
    // A body field cannot redirect the create either.
    const viaBody = await postAgent(key, { ...body, organization_id: b.publicId });
    expect(viaBody.status).toBe(422);
    expect((await orgState(a.id)).agents).toBe(2);
    expect(await orgState(b.id)).toEqual({ agents: 0, audits: 0, agentCount: 0 });
  });

  it("stores only a hash of the key, and no response carries the secret", async () => {
    const org = await createTestOrg();
    const created = await createTestApiKey(org);
    const secret = created.key.split("_").at(-1)!;
    const res = await postAgent(created.key, { name: "Hash check" });
    expect(res.status).toBe(201);
    expect(res.text).not.toContain(secret);
    expect(res.text).not.toContain(created.key);
    for (const [k, v] of res.headers) expect(`${k}: ${v}`).not.toContain(secret);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // The agent records which key created it (internally), but the response shows no internal id.
    const [agent] = await db.select().from(agents).where(eq(agents.publicId, res.json.id));
    expect(agent!.createdByApiKeyId).toBe(created.id);
    expect(res.json).not.toHaveProperty("organization_id");
    expect(res.text).not.toMatch(new RegExp(`"(id|organization_id)":\\s*${org.id}\\b`));
  });
});

describe("POST /api/v1/agents rate limit", () => {
  it("answers 429 with Retry-After and RateLimit-* headers past the per-key limit, no 5xx", async () => {
    fakeEnv({ API_RATE_LIMIT_PER_MINUTE: "5" });
    const org = await createTestOrg({ plan: "pro" });
    const { key } = await createTestApiKey(org);
    const results = [];
    for (let i = 0; i < 12; i++)
      results.push(await postAgent(key, { name: `RL ${i}`, auto_optimize: false }));
    const limited = results.filter((r) => r.status === 429);
    // A window boundary during the loop can admit at most one more batch of 5.
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(results.every((r) => r.status === 201 || r.status === 429)).toBe(true);
    const first = results.find((r) => r.status === 201)!;
    expect(first.headers.get("ratelimit-limit")).toBe("5");
    for (const r of limited) {
      expect(r.json.code).toBe("rate_limited");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(r.headers.get("ratelimit-limit")).toBe("5");
      expect(r.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(r.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    }
    expect((await orgState(org.id)).agents).toBe(12 - limited.length);
  });
});

describe("POST /api/v1/agents logs", () => {
  it("never writes a key secret to the log, whatever the outcome", async () => {
    fakeEnv({ LOG_LEVEL: "debug" });
    const org = await createTestOrg({ maxAgents: 1 });
    const good = await createTestApiKey(org);
    const readOnly = await createTestApiKey(org, { scopes: ["agents:read"] });
    const wrong = good.key.replace(/_[0-9a-f]{64}$/, `_${"1".repeat(64)}`);
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
    try {
      await postAgent(good.key, { name: "Logged" });
      await postAgent(good.key, { name: "Over the limit" });
      await postAgent(good.key, { name: "" });
      await postAgent(readOnly.key, { name: "Scope" });
      await postAgent(wrong, { name: "Wrong secret" });
      await postAgent(good.key, undefined, { rawBody: "{", headers: { "content-type": "application/json" } });
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const log = lines.join("");
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const key of [good.key, readOnly.key, wrong]) {
      expect(log).not.toContain(key.split("_").at(-1)!);
    }
    expect(log).not.toMatch(/Bearer\s+ya_live/);
  });
});
