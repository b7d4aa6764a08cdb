import postgres from "postgres";
import { type FakeGemini, startFakeGemini } from "../fakes/gemini-server";
import { type AppServer, startAppServer } from "../fixtures/app-server";
import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithApiKey } from "../fixtures/e2e";
import { type PrivatePostgres, startPrivatePostgres } from "../fixtures/postgres";
import { withRowsAt } from "../fixtures/rows";

// Promises 34 and 35 of RELIABILITY.md: two production instances (scripts/serve.ts from this
// run's build) on one Postgres with the same secrets, as the README's recipe sets them up.
test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let db: PrivatePostgres;
let gemini: FakeGemini;
let a: AppServer;
let b: AppServer;
let sql: ReturnType<typeof postgres>;

const LIMITS = {
  API_RATE_LIMIT_PER_MINUTE: "30",
  WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE: "3",
  WIDGET_AGENT_RATE_LIMIT_PER_MINUTE: "1000",
};

test.beforeAll(async () => {
  db = await startPrivatePostgres();
  gemini = await startFakeGemini();
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  const env = { ...LIMITS, GEMINI_API_KEY: "fake-key", GEMINI_BASE_URL: gemini.url, DB_POOL_MAX: "5" };
  [a, b] = await Promise.all([startAppServer(db.url, env), startAppServer(db.url, env)]);
});

test.afterAll(async () => {
  for (const s of [a, b]) if (s && s.child.exitCode === null) s.child.kill("SIGTERM");
  await Promise.all([a?.exited, b?.exited]);
  await sql?.end();
  await gemini?.close();
  await db?.destroy();
});

/** Another key for the same org: the per-key limit is not what the other checks measure. */
async function extraKey(orgId: number): Promise<string> {
  return (await extraKeys(orgId, 1))[0]!;
}

/** `n` more keys for the org, made over one connection. */
function extraKeys(orgId: number, n: number): Promise<string[]> {
  return withRowsAt(db.url, async (rows) => {
    const keys: string[] = [];
    for (let i = 0; i < n; i++) keys.push((await rows.createTestApiKey({ id: orgId })).key);
    return keys;
  });
}

/** An org of plan pro with room for `maxAgents` and an API key, on the instances' database. */
function seedOrgWithKey(maxAgents: number) {
  return createOrgWithApiKey({ url: db.url, maxAgents });
}

function api(server: AppServer, key: string, path: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: { authorization: `Bearer ${key}`, ...(init.body ? { "content-type": "application/json" } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

async function createAgent(server: AppServer, key: string, extra: Record<string, unknown> = {}) {
  const res = await api(server, key, "/api/v1/agents", {
    body: { name: `Multi ${Math.random().toString(36).slice(2, 9)}`, auto_optimize: false, ...extra },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
}

/** Milliseconds until `check` holds on the polled instance; fails past `ms`. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`not seen within ${ms} ms`);
    await sleep(20);
  }
  return Date.now() - t0;
}

/** Limits use fixed one-minute windows: start a burst well inside one. */
async function awayFromMinuteBoundary() {
  const s = new Date().getSeconds();
  if (s > 50) await sleep((61 - s) * 1000);
}

test("a key limited to 30 a minute: at most 30 of 60 requests over both instances succeed", async () => {
  const org = await seedOrgWithKey(100);
  await awayFromMinuteBoundary();
  const statuses = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      api(i % 2 ? a : b, org.key, "/api/v1/agents?limit=1").then((r) => r.status),
    ),
  );
  const ok = statuses.filter((s) => s === 200).length;
  console.log(`per-key limit 30: ${ok} of 60 succeeded over two instances`);
  expect(ok).toBeLessThanOrEqual(30);
  expect(ok).toBe(30);
  expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
});

test("the widget per-visitor limit holds across instances; a token from A works on B", async () => {
  const org = await seedOrgWithKey(100);
  const agent = await createAgent(a, org.key);
  const html = await (await fetch(`${a.url}/embed/${agent.id}`)).text();
  const token = /initialToken\\?":\\?"([A-Za-z0-9._-]+)/.exec(html)?.[1];
  expect(token).toBeTruthy();
  await awayFromMinuteBoundary();
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${(i % 2 ? a : b).url}/api/widget/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ message: `hello ${i}` }),
    });
    await res.text();
    statuses.push(res.status);
  }
  console.log(`widget visitor limit 3: statuses ${statuses.join(",")}`);
  // B accepted A's token (the first message went to B) and the limit counted over both.
  expect(statuses[0]).toBe(200);
  expect(statuses.filter((s) => s === 200)).toHaveLength(3);
  expect(statuses.filter((s) => s === 429)).toHaveLength(3);
});

test("a change through A is seen through B within 1 s: welcome message, origins, disabled, deleted, rotated", async () => {
  const org = await seedOrgWithKey(100);
  const key2 = await extraKey(org.orgId);
  const agent = await createAgent(a, key2, {
    widget_config: { welcome_message: "before" },
    allowed_origins: ["https://one.example.com"],
  });
  const welcomeOnB = async (id = agent.id) => {
    const r = await fetch(`${b.url}/api/widget/config/${id}`);
    type Config = { widget_config: { welcome_message?: string } };
    return r.ok ? ((await r.json()) as Config).widget_config.welcome_message : r.status;
  };
  expect(await welcomeOnB()).toBe("before"); // cached on B now
  const seen: Record<string, number> = {};

  await api(a, key2, `/api/v1/agents/${agent.id}`, {
    method: "PATCH",
    body: { widget_config: { welcome_message: "after" } },
  });
  seen.welcome = await within(1_000, async () => (await welcomeOnB()) === "after");

  await api(a, key2, `/api/v1/agents/${agent.id}`, {
    method: "PATCH",
    body: { allowed_origins: ["https://two.example.com"] },
  });
  seen.origins = await within(1_000, async () => {
    const csp = (await fetch(`${b.url}/embed/${agent.id}`)).headers.get("content-security-policy") ?? "";
    return csp.includes("https://two.example.com") && !csp.includes("https://one.example.com");
  });

  await api(a, key2, `/api/v1/agents/${agent.id}`, { method: "PATCH", body: { status: "disabled" } });
  seen.disabled = await within(1_000, async () => (await welcomeOnB()) === 404);
  await api(a, key2, `/api/v1/agents/${agent.id}`, { method: "PATCH", body: { status: "active" } });
  await within(1_000, async () => (await welcomeOnB()) === "after");

  // Rotation is a dashboard action; it runs the same invalidation as the app, sent from A's database.
  const [rotated] = await sql<{ public_id: string }[]>`
    update agents set public_id = gen_random_uuid() where public_id = ${agent.id} returning public_id`;
  await sql`select pg_notify('youragent_invalidate', ${agent.id})`;
  seen.rotated = await within(1_000, async () => (await welcomeOnB()) === 404);
  const newId = rotated!.public_id;
  expect(await welcomeOnB(newId)).toBe("after");

  const del = await api(a, key2, `/api/v1/agents/${newId}`, { method: "DELETE" });
  expect(del.status).toBe(204);
  seen.deleted = await within(1_000, async () => (await welcomeOnB(newId)) === 404);
  console.log(`seen through B after (ms): ${JSON.stringify(seen)}`);
});

test("after B's database connection is cut and restored, B serves no stale entry", async () => {
  const org = await seedOrgWithKey(100);
  const agent = await createAgent(a, org.key, { widget_config: { welcome_message: "v1" } });
  const onB = async () => {
    const r = await fetch(`${b.url}/api/widget/config/${agent.id}`);
    return ((await r.json()) as { widget_config: { welcome_message?: string } }).widget_config
      .welcome_message;
  };
  expect(await onB()).toBe("v1");
  // Changed without any announcement, as if B's listener had missed the message.
  await sql`update agents set widget_config = widget_config || '{"welcome_message":"v2"}' where public_id = ${agent.id}`;
  expect(await onB()).toBe("v1");
  const cut = await sql`select pg_terminate_backend(pid) from pg_stat_activity
    where application_name = ${`youragent-listener:${b.child.pid}`}`;
  expect(cut.length).toBe(1);
  const ms = await within(3_000, async () => (await onB()) === "v2");
  const health = (await (await fetch(`${b.url}/api/health`)).json()) as { listener: string };
  console.log(`B fresh ${ms} ms after its listener connection was cut; listener ${health.listener}`);
  expect(health.listener).toBe("listening");
});

test("80 concurrent creates split over both with limit 10 → 10; 20 same-key creates → one agent", async () => {
  const org = await seedOrgWithKey(10);
  const keys = [org.key, ...(await extraKeys(org.orgId, 3))];
  await awayFromMinuteBoundary();
  const statuses = await Promise.all(
    Array.from({ length: 80 }, (_, i) =>
      api(i % 2 ? a : b, keys[i % 4]!, "/api/v1/agents", {
        body: { name: `Race ${i}`, auto_optimize: false },
      }).then((r) => r.status),
    ),
  );
  expect(statuses.filter((s) => s === 201)).toHaveLength(10);
  const counted = await sql<{ n: number }[]>`
    select count(*)::int as n from agents where organization_id = ${org.orgId}`;
  expect(counted[0]?.n).toBe(10);

  const big = await seedOrgWithKey(100);
  const bigKeys = [big.key, await extraKey(big.orgId)];
  const ids = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      api(i % 2 ? a : b, bigKeys[i % 2]!, "/api/v1/agents", {
        body: { name: "Same key", auto_optimize: false, idempotency_key: "multi-instance-1" },
      }).then(async (r) => ((await r.json()) as { id?: string }).id),
    ),
  );
  expect(new Set(ids).size).toBe(1);
  const one = await sql<{ n: number }[]>`
    select count(*)::int as n from agents where organization_id = ${big.orgId}`;
  expect(one[0]?.n).toBe(1);
});

test("a list cursor made by A works on B", async () => {
  const org = await seedOrgWithKey(100);
  for (let i = 0; i < 3; i++) await createAgent(a, org.key);
  const first = (await (await api(a, org.key, "/api/v1/agents?limit=2")).json()) as {
    data: { id: string }[];
    pagination: { next_cursor: string };
  };
  const next = await api(b, org.key, `/api/v1/agents?limit=2&cursor=${first.pagination.next_cursor}`);
  expect(next.status).toBe(200);
  const page = (await next.json()) as { data: { id: string }[] };
  expect(page.data).toHaveLength(1);
  expect(first.data.map((d) => d.id)).not.toContain(page.data[0]!.id);
});

test("SIGTERM to A under round-robin load: B answers every request, A drains and exits 0", async () => {
  const org = await seedOrgWithKey(100);
  // Enough keys that the load stays under the per-key limit of 30 a minute.
  const keys = await extraKeys(org.orgId, 40);
  const live = await fetch(`${a.url}/api/health/live`);
  expect(live.status).toBe(200);
  let stopAt = 0;
  const results: { server: "a" | "b"; status: number | "network-error" }[] = [];
  let i = 0;
  const worker = async () => {
    const t0 = Date.now();
    while (Date.now() - t0 < 4_000) {
      const n = i++;
      // A load balancer stops routing to an instance once it is told to stop.
      const target = n % 2 && !stopAt ? a : b;
      const status = await api(target, keys[n % keys.length]!, "/api/v1/agents?limit=5")
        .then(async (r) => {
          await r.text();
          return r.status;
        })
        .catch(() => "network-error" as const);
      results.push({ server: target === a ? "a" : "b", status });
      await sleep(25);
    }
  };
  const load = Promise.all(Array.from({ length: 8 }, worker));
  await sleep(1_500);
  stopAt = Date.now();
  a.child.kill("SIGTERM");
  await load;
  const code = await a.exited;
  const onB = results.filter((r) => r.server === "b");
  const onA = results.filter((r) => r.server === "a");
  console.log(`SIGTERM: ${onA.length} requests on A, ${onB.length} on B; A exited ${code}`);
  expect(code).toBe(0);
  expect(onB.filter((r) => r.status !== 200)).toEqual([]);
  expect(onA.filter((r) => r.status !== 200)).toEqual([]);
  expect(onA.length).toBeGreaterThan(0);
});
