import postgres from "postgres";
import { startAppServer } from "../fixtures/app-server";
import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithApiKey } from "../fixtures/e2e";
import { findSecrets, requestLogLines } from "../fixtures/log-check";
import { startPrivatePostgres } from "../fixtures/postgres";
import { holdRowLock } from "../fixtures/row-lock";

// Promises 25 and 27 of RELIABILITY.md against a real `npm start` process (scripts/serve.ts)
// built by this e2e run: Postgres stopped under load, and SIGTERM with requests in flight.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DEADLINE_MS = 2_500;

type Sample = {
  status: number | "network-error";
  ms: number;
  at: number;
  type: string;
  code?: string;
  retryAfter: string | null;
};

async function call(url: string, key: string, body?: unknown): Promise<Sample> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json().catch(() => ({}))) as { code?: string };
    return {
      status: res.status,
      ms: performance.now() - t0,
      at: performance.now(),
      type: res.headers.get("content-type") ?? "",
      code: json.code,
      retryAfter: res.headers.get("retry-after"),
    };
  } catch {
    return {
      status: "network-error",
      ms: performance.now() - t0,
      at: performance.now(),
      type: "",
      retryAfter: null,
    };
  }
}

test("Postgres stopped under load: 503 problem+json within the deadline, the process stays up and recovers", async () => {
  const db = await startPrivatePostgres();
  const org = await createOrgWithApiKey({ url: db.url, maxAgents: 30 });
  const server = await startAppServer(db.url, {
    REQUEST_DEADLINE_MS: String(DEADLINE_MS),
    DB_POOL_MAX: "4",
  });
  try {
    const samples: Sample[] = [];
    let running = true;
    let n = 0;
    const worker = async (w: number) => {
      while (running) {
        const i = n++;
        samples.push(
          w % 2 === 0
            ? await call(`${server.url}/api/v1/agents`, org.key, { name: `Load ${i}`, auto_optimize: false })
            : await call(`${server.url}/api/v1/agents?limit=10`, org.key),
        );
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
    await sleep(1_000);
    await db.stop();
    await sleep(3_000);
    const downSamples = samples.length;
    await db.start();
    const upTime = performance.now();
    await sleep(3_500);
    running = false;
    await load;

    expect(server.child.exitCode, "the Node process is still running").toBeNull();
    expect(samples.filter((s) => s.status === "network-error")).toEqual([]);
    for (const s of samples) {
      expect([200, 201, 403, 503]).toContain(s.status);
      expect(s.ms).toBeLessThan(DEADLINE_MS + 1_000);
      if (s.status === 503) {
        expect(s.type).toBe("application/problem+json");
        expect(s.code).toBe("service_unavailable");
        expect(Number(s.retryAfter)).toBeGreaterThan(0);
      }
    }
    expect(samples.slice(0, downSamples).some((s) => s.status === 503)).toBe(true);
    const recovered = samples.find((s) => s.status === 200 && s.at - s.ms >= upTime);
    expect(recovered, "a list succeeded after Postgres came back").toBeDefined();
    expect(recovered!.at - upTime).toBeLessThan(5_000);

    // Invariants: never over the limit; the counter matches the rows.
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    const [row] = await sql<{ actual: number; counter: number }[]>`
      select (select count(*)::int from agents where organization_id = ${org.orgId}) as actual,
             (select agent_count from organizations where id = ${org.orgId}) as counter`;
    await sql.end();
    expect(row!.actual).toBeLessThanOrEqual(30);
    expect(row!.counter).toBe(row!.actual);

    // One JSON log line per request, with the fields an operator needs, and no secret anywhere.
    const lines = requestLogLines(server.output());
    expect(lines.length).toBeGreaterThan(samples.length * 0.9);
    for (const l of lines.slice(0, 50)) {
      expect(l).toMatchObject({ level: "info", msg: "request" });
      expect(typeof l.request_id).toBe("string");
      expect(typeof l.route).toBe("string");
      expect(typeof l.status).toBe("number");
      expect(typeof l.duration_ms).toBe("number");
    }
    expect(server.output()).not.toContain(org.key);
    expect(findSecrets(server.output())).toEqual([]);
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
    await db.destroy();
  }
});

test("SIGTERM with requests in flight: they complete, new connections are refused, exit code 0", async () => {
  const db = await startPrivatePostgres();
  const org = await createOrgWithApiKey({ url: db.url, maxAgents: 100 });
  // Long lock timeout: the in-flight creates wait on a row lock this test holds, then finish.
  const server = await startAppServer(db.url, {
    DB_LOCK_TIMEOUT_MS: "20000",
    DB_STATEMENT_TIMEOUT_MS: "20000",
    REQUEST_DEADLINE_MS: "25000",
  });
  const watcher = postgres(db.url, { max: 1, onnotice: () => {} });
  let lock: Awaited<ReturnType<typeof holdRowLock>> | undefined;
  try {
    lock = await holdRowLock(db.url, "organizations", org.orgId);
    const IN_FLIGHT = 6;
    const inflight = Array.from({ length: IN_FLIGHT }, (_, i) =>
      call(`${server.url}/api/v1/agents`, org.key, { name: `In flight ${i}`, auto_optimize: false }),
    );
    // Wait until every create is inside the server, blocked on the lock.
    await expect
      .poll(
        async () =>
          Number(
            (
              await watcher`select count(*)::int as n from pg_stat_activity
                            where application_name = 'youragent' and wait_event_type = 'Lock'`
            )[0]?.n,
          ),
        { timeout: 15_000 },
      )
      .toBe(IN_FLIGHT);

    server.child.kill("SIGTERM");
    await sleep(500);
    expect(server.child.exitCode, "still draining").toBeNull();
    const late = await call(`${server.url}/api/health`, org.key);
    expect(late.status, "no new connection while draining").toBe("network-error");

    await lock.release();
    lock = undefined;
    const results = await Promise.all(inflight);
    expect(results.map((r) => r.status)).toEqual(Array(IN_FLIGHT).fill(201));
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("SIGTERM: draining in-flight requests");
    expect(server.output()).toContain("stopped");
    const [row] = await watcher<{ n: number }[]>`
      select count(*)::int as n from agents where organization_id = ${org.orgId}`;
    expect(row!.n).toBe(IN_FLIGHT);
    expect(findSecrets(server.output())).toEqual([]);
  } finally {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
    await lock?.release();
    await watcher.end();
    await db.destroy();
  }
});
