import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { rateLimitStore } from "@/lib/rate-limit";
import { PostgresRateLimitStore, type SqlTag } from "@/lib/rate-limit/postgres-store";
import { uniqueSuffix } from "@/tests/fixtures";

// Two stores on two connection pools stand for two app instances on one database.
const url = process.env.DATABASE_URL as string;
const clients = [
  postgres(url, { max: 4, onnotice: () => {} }),
  postgres(url, { max: 4, onnotice: () => {} }),
];
let statements = 0;
function counting(client: (typeof clients)[number]): () => SqlTag {
  const tag: SqlTag = (strings, ...values) => {
    statements++;
    return client(strings, ...(values as never[]));
  };
  return () => tag;
}
const [a, b] = clients.map((c) => new PostgresRateLimitStore(counting(c), { sweep: false }));

afterAll(async () => {
  a?.close();
  b?.close();
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
});

describe("PostgresRateLimitStore across instances", () => {
  it("is the default store", () => {
    expect(rateLimitStore()).toBeInstanceOf(PostgresRateLimitStore);
  });

  it("60 concurrent hits split over two instances with limit 30 → exactly 30 allowed", async () => {
    if (!a || !b) throw new Error("stores");
    const key = `test:${uniqueSuffix()}`;
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).hit(key, 30, 60_000)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(30);
    const remaining = results.map((r) => r.remaining).sort((x, y) => x - y);
    expect(remaining.at(-1)).toBe(29);
    expect(results.every((r) => r.resetSeconds >= 1 && r.resetSeconds <= 60)).toBe(true);
  });

  it("one statement per check; a key known to be over its limit is refused without a round trip", async () => {
    if (!a) throw new Error("store");
    const key = `test:${uniqueSuffix()}`;
    const before = statements;
    for (let i = 0; i < 3; i++) expect((await a.hit(key, 2, 60_000)).allowed).toBe(i < 2);
    expect(statements - before).toBe(3);
    const refused = await a.hit(key, 2, 60_000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(statements - before).toBe(3);
    // A raised limit is asked again, not answered from the in-process memory.
    expect((await a.hit(key, 10, 60_000)).allowed).toBe(true);
    expect(statements - before).toBe(4);
  });

  it("two limits in one statement; the second counts only while the first allows", async () => {
    if (!a || !b) throw new Error("stores");
    const visitor = { key: `test:v:${uniqueSuffix()}`, limit: 2, windowMs: 60_000 };
    const agent = { key: `test:a:${uniqueSuffix()}`, limit: 3, windowMs: 60_000 };
    const before = statements;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await (i % 2 ? a : b).hitPair(visitor, agent));
    expect(results.map(([v]) => v.allowed)).toEqual([true, true, false, false]);
    // The visitor past its limit spent nothing of the agent's budget.
    expect(results.map(([, ag]) => ag?.remaining)).toEqual([2, 1, undefined, undefined]);
    // One statement per pair (each store asks once: neither had seen this visitor refused yet).
    expect(statements - before).toBe(4);
    const other = { key: `test:v:${uniqueSuffix()}`, limit: 10, windowMs: 60_000 };
    const [, third] = await a.hitPair(other, agent);
    expect(third).toMatchObject({ allowed: true, remaining: 0 });
    const [v4, fourth] = await b.hitPair(other, agent);
    expect(v4.allowed).toBe(true);
    expect(fourth?.allowed).toBe(false);
  });

  it("a new window starts a new count", async () => {
    if (!a || !b) throw new Error("stores");
    const key = `test:${uniqueSuffix()}`;
    expect((await a.hit(key, 1, 500)).allowed).toBe(true);
    // Aligned windows of 500 ms: after at most one window the count starts again.
    await new Promise((r) => setTimeout(r, 550));
    expect((await b.hit(key, 1, 500)).allowed).toBe(true);
  });

  it("the sweep deletes ended windows and keeps live ones", async () => {
    if (!a) throw new Error("store");
    const [client] = clients;
    if (!client) throw new Error("client");
    const ended = `test:${uniqueSuffix()}`;
    const live = `test:${uniqueSuffix()}`;
    await a.hit(ended, 5, 200);
    await a.hit(live, 5, 3_600_000);
    await new Promise((r) => setTimeout(r, 250));
    expect(await a.sweep()).toBeGreaterThanOrEqual(1);
    const left = await client<{ key: string }[]>`
      select key from rate_limit_windows where key in (${ended}, ${live})`;
    expect(left.map((r) => r.key)).toEqual([live]);
  });
});
