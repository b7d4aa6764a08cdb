import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { LEASE_SHARE, MAX_LEASE } from "@/lib/rate-limit/lease";
import { PostgresRateLimitStore, type SqlTag } from "@/lib/rate-limit/postgres-store";
import { uniqueSuffix } from "@/tests/fixtures";

// Leased hits (the API's per-key limit): two stores on two pools stand for two instances on one
// database, hit concurrently. Whatever each reserves, together they never admit more than the
// limit, and a busy key costs far fewer statements than hits.
const url = process.env.DATABASE_URL as string;
const clients = [
  postgres(url, { max: 4, onnotice: () => {} }),
  postgres(url, { max: 4, onnotice: () => {} }),
];
const tag =
  (client: (typeof clients)[number]): (() => SqlTag) =>
  () =>
  (strings, ...values) =>
    client(strings, ...(values as never[]));
const [a, b] = clients.map((c) => new PostgresRateLimitStore(tag(c), { sweep: false })) as [
  PostgresRateLimitStore,
  PostgresRateLimitStore,
];
const lease = { lease: true };

afterAll(async () => {
  a.close();
  b.close();
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
});

async function burst(key: string, limit: number, hits: number) {
  const before = a.roundTrips + b.roundTrips;
  const results = await Promise.all(
    Array.from({ length: hits }, (_, i) => (i % 2 ? a : b).hit(key, limit, 60_000, lease)),
  );
  return {
    allowed: results.filter((r) => r.allowed).length,
    results,
    statements: a.roundTrips + b.roundTrips - before,
  };
}

async function rowCount(key: string): Promise<number> {
  const [client] = clients;
  const rows = await client!<{ count: number }[]>`select count from rate_limit_windows where key = ${key}`;
  return Number(rows[0]?.count ?? 0);
}

describe("leased rate limits across two instances", () => {
  for (const limit of [1, 30, 100, 2_000]) {
    it(`${limit * 3} concurrent hits over both with limit ${limit} → exactly ${limit} allowed`, async () => {
      const key = `test:lease:${uniqueSuffix()}`;
      const { allowed, results, statements } = await burst(key, limit, limit * 3);
      expect(allowed).toBe(limit);
      expect(results.every((r) => r.resetSeconds >= 1 && r.resetSeconds <= 60)).toBe(true);
      expect(results.filter((r) => !r.allowed).every((r) => r.remaining === 0)).toBe(true);
      // Every hit the row granted was spent: the row's count reached the limit.
      expect(await rowCount(key)).toBeGreaterThanOrEqual(limit);
      if (limit >= LEASE_SHARE * 2) expect(statements).toBeLessThan(limit);
    });
  }

  it("below the limit every hit is allowed, with far fewer statements than hits", async () => {
    const key = `test:lease:${uniqueSuffix()}`;
    const { allowed, statements } = await burst(key, 100_000, 1_000);
    expect(allowed).toBe(1_000);
    // Leases of MAX_LEASE hits, plus at most one reservation per concurrent waiter per instance.
    expect(statements).toBeLessThanOrEqual(Math.ceil(1_000 / MAX_LEASE) + 4);
    // What the instances reserved but did not spend is bounded by one lease each.
    expect(await rowCount(key)).toBeLessThanOrEqual(1_000 + 2 * MAX_LEASE);
  });

  it("one instance alone reports exact RateLimit-Remaining, hit after hit", async () => {
    const key = `test:lease:${uniqueSuffix()}`;
    const remaining: number[] = [];
    for (let i = 0; i < 40; i++) remaining.push((await a.hit(key, 200, 60_000, lease)).remaining);
    expect(remaining).toEqual(Array.from({ length: 40 }, (_, i) => 199 - i));
  });

  it("leases shrink near the limit: the other instance still gets the rest", async () => {
    const key = `test:lease:${uniqueSuffix()}`;
    const limit = 200;
    // A spends most of the window alone…
    let fromA = 0;
    for (let i = 0; i < 180; i++) if ((await a.hit(key, limit, 60_000, lease)).allowed) fromA++;
    expect(fromA).toBe(180);
    // …then B asks: A holds at most a small lease, so B gets nearly all that is left.
    let fromB = 0;
    for (let i = 0; i < 40; i++) if ((await b.hit(key, limit, 60_000, lease)).allowed) fromB++;
    expect(fromB).toBeGreaterThanOrEqual(
      limit - 180 - Math.floor((limit - 180) / LEASE_SHARE) - MAX_LEASE / 8,
    );
    expect(fromA + fromB).toBeLessThanOrEqual(limit);
    // And A can spend what it holds, never past the limit.
    let more = 0;
    for (let i = 0; i < 40; i++) if ((await a.hit(key, limit, 60_000, lease)).allowed) more++;
    expect(fromA + fromB + more).toBe(limit);
  });

  it("a refused key is refused without a round trip until its window ends", async () => {
    const key = `test:lease:${uniqueSuffix()}`;
    await burst(key, 5, 10);
    const before = a.roundTrips;
    const r = await a.hit(key, 5, 60_000, lease);
    expect(r).toMatchObject({ allowed: false, remaining: 0 });
    expect(a.roundTrips).toBe(before);
  });

  it("a lease ends with its window", async () => {
    const key = `test:lease:${uniqueSuffix()}`;
    expect((await a.hit(key, 1_000, 400, lease)).allowed).toBe(true);
    const before = a.roundTrips;
    await new Promise((r) => setTimeout(r, 450));
    expect((await a.hit(key, 1_000, 400, lease)).allowed).toBe(true);
    expect(a.roundTrips).toBe(before + 1);
  });

  it("a database error reaches the caller and leaves no lease behind", async () => {
    const broken = new PostgresRateLimitStore(() => () => Promise.reject(new Error("connection refused")), {
      sweep: false,
    });
    const key = `test:lease:${uniqueSuffix()}`;
    const both = await Promise.allSettled([
      broken.hit(key, 1_000, 60_000, lease),
      broken.hit(key, 1_000, 60_000, lease),
    ]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    await expect(broken.hit(key, 1_000, 60_000, lease)).rejects.toThrow("connection refused");
    broken.close();
  });
});
