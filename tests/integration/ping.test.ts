import { describe, expect, it } from "vitest";
import { GET as ping } from "@/app/api/v1/ping/route";
import { pingSchema, problemSchema } from "@/lib/openapi/resources";
import { callRoute, createTestApiKey, createTestOrg, fakeEnv } from "@/tests/fixtures";

// GET /api/v1/ping: the whole API pipeline, then a constant (also the bench's pipeline floor).
describe("GET /api/v1/ping", () => {
  it("answers the constant for a live key, with the rate-limit headers and a request id", async () => {
    fakeEnv({ EXPOSE_STATEMENT_COUNT: "1" });
    const { key } = await createTestApiKey(await createTestOrg());
    const res = await callRoute(ping, { path: "/api/v1/ping", key });
    expect(res.status).toBe(200);
    expect(pingSchema.parse(res.json)).toEqual({ object: "ping", status: "ok" });
    expect(res.headers.get("ratelimit-limit")).toBeTruthy();
    expect(res.headers.get("x-request-id")).toMatch(/\S/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    // The key lookup, at most the rate limit's reservation, and nothing else.
    expect(Number(res.headers.get("x-statement-count"))).toBeLessThanOrEqual(2);
  });

  it("refuses a missing, revoked or read-less key with problem+json", async () => {
    const org = await createTestOrg();
    const revoked = await createTestApiKey(org, { revoked: true });
    const writeOnly = await createTestApiKey(org, { scopes: ["agents:write"] });
    const cases: [string | undefined, number, string][] = [
      [undefined, 401, "unauthenticated"],
      [revoked.key, 401, "unauthenticated"],
      [writeOnly.key, 403, "insufficient_scope"],
    ];
    for (const [key, status, code] of cases) {
      const res = await callRoute(ping, { path: "/api/v1/ping", key });
      expect(res.status).toBe(status);
      expect(problemSchema.parse(res.json)).toMatchObject({ code });
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("counts against the key's limit", async () => {
    fakeEnv({ API_RATE_LIMIT_PER_MINUTE: "3" });
    const { key } = await createTestApiKey(await createTestOrg());
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await callRoute(ping, { path: "/api/v1/ping", key })).status);
    // A window boundary during the loop can admit one more batch of 3.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
  });
});
