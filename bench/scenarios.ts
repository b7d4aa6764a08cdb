import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type * as schema from "@/db/schema";
import {
  keysetBefore,
  naiveOrmListPage,
  naiveSqlListPage,
  rawCreateOneStatement,
  rawCreateTransaction,
  rawGetAgent,
  rawListAfter,
  rawListPage,
  rawReplayLookup,
  rawReplayUnderLock,
  rawWidgetConfig,
} from "./baselines";
import { cpuPerRequest, cpuSnapshot, monotonicUs } from "./cpu";
import { floorRounds } from "./floor-rounds";
import { type HttpRequestSpec, type LoadResult, runFnLoad, runHttpLoad } from "./load";
import { probe } from "./probe";
import type { Row } from "./report";
import { LIST_AGENT_COUNT, seedCreateOrg, seedListOrg } from "./seed";
import { httpLoad, pairedRounds, roundSeconds, storeRounds } from "./store-rounds";

// The scenarios, grouped so `bench:create` and `bench:list` run subsets. Every API scenario is
// paired with a raw-SQL baseline measured in the same run on the same database.
export type BenchContext = {
  baseUrl: string;
  raw: postgres.Sql; // pool for baselines, statement-counted
  orm: PostgresJsDatabase<typeof schema>; // Drizzle on the same pool, for the ORM-naive list
  admin: postgres.Sql; // seeding
  rawStatements: () => number;
  runId: string;
  seconds: number;
  connections: number;
  warmupSeconds: number;
  serverPid?: number;
  postgresPid?: number;
  /** A second instance with RATE_LIMIT_STORE=memory: API rows run on it too (`<id>@memory`). */
  memory?: { baseUrl: string; serverPid?: number };
};

/** An API row on the main (Postgres-store) instance, then on the memory-store one right after. */
export async function httpRow(
  ctx: BenchContext,
  id: string,
  label: string,
  spec: HttpRequestSpec,
  baseline?: string,
): Promise<Row | Row[] | undefined> {
  if (!ctx.memory || !id.startsWith("api-") || id.startsWith("api-widget"))
    return httpRowOn(ctx, id, label, spec, baseline);
  const mem = { ...ctx, baseUrl: ctx.memory.baseUrl, serverPid: ctx.memory.serverPid };
  const runMem = () => httpRowOn(mem, `${id}@memory`, `${label} (memory store)`, spec, baseline);
  // Which store goes first alternates, so a drift in the machine's load does not favour one.
  const memoryFirst = pairsRun++ % 2 === 1;
  const memRow = memoryFirst ? await runMem() : undefined;
  const row = await httpRowOn(ctx, id, label, spec, baseline);
  if (!row) return undefined;
  const second = memoryFirst ? memRow : await runMem();
  row.store = await storeRounds(ctx.baseUrl, ctx.memory.baseUrl, spec, ctx);
  if (FLOOR_ROWS.has(id)) row.floor = await floorRounds(ctx, spec);
  return second ? [row, second] : row;
}
let pairsRun = 0;
// The rows with an app-CPU goal against the pipeline floor (bench/floor.ts).
const FLOOR_ROWS = new Set(["api-list-first", "api-get", "api-create"]);

async function httpRowOn(
  ctx: BenchContext,
  id: string,
  label: string,
  spec: HttpRequestSpec,
  baseline?: string,
): Promise<Row | undefined> {
  const first = await probe(ctx, spec);
  if (first.status === 404 || first.status === 405) {
    process.stderr.write(`[bench] ${id}: route answered ${first.status}; skipped (not built yet?)\n`);
    return undefined;
  }
  if (first.status >= 300) {
    process.stderr.write(`[bench] ${id}: probe answered ${first.status}: ${JSON.stringify(first.json)}\n`);
  }
  process.stderr.write(`[bench] ${id} …\n`);
  if (ctx.warmupSeconds > 0) {
    await runHttpLoad(ctx.baseUrl, spec, { connections: ctx.connections, seconds: ctx.warmupSeconds });
  }
  // Counted on a warm request to an idle server: under load postgres.js runs queued queries from
  // whichever request freed the connection, so the per-request count is only exact when idle.
  await new Promise((r) => setTimeout(r, 1_000));
  const warm = await probe(ctx, spec);
  const cpu0 = cpuSnapshot(ctx.serverPid, ctx.postgresPid);
  const startUs = monotonicUs();
  const result = await runHttpLoad(ctx.baseUrl, spec, { connections: ctx.connections, seconds: ctx.seconds });
  const window = { startUs, endUs: monotonicUs() };
  const cpu = cpuPerRequest(cpu0, cpuSnapshot(ctx.serverPid, ctx.postgresPid), result.requests);
  return { id, label, driver: "http", result, statementsPerRequest: warm.statements, baseline, cpu, window };
}

export async function fnRow(
  ctx: BenchContext,
  id: string,
  label: string,
  driver: "raw-sql" | "naive",
  fn: (i: number) => Promise<unknown>,
  baseline?: string,
): Promise<Row> {
  process.stderr.write(`[bench] ${id} …\n`);
  if (ctx.warmupSeconds > 0) await runFnLoad(fn, { concurrency: ctx.connections, seconds: 1 });
  const before = ctx.rawStatements();
  const cpu0 = cpuSnapshot(undefined, ctx.postgresPid);
  const result: LoadResult = await runFnLoad(fn, { concurrency: ctx.connections, seconds: ctx.seconds });
  const cpu = cpuPerRequest(cpu0, cpuSnapshot(undefined, ctx.postgresPid), result.requests);
  const statements = ctx.rawStatements() - before;
  if (result.firstError)
    process.stderr.write(`[bench] ${id}: ${result.errors} errors, first: ${result.firstError}\n`);
  const done = result.requests + result.errors;
  return { id, label, driver, result, statementsPerRequest: done ? statements / done : null, baseline, cpu };
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

export async function createScenarios(ctx: BenchContext): Promise<Row[]> {
  const apiOrg = await seedCreateOrg(ctx.admin, `bench-create-${ctx.runId}`);
  const rawOrg = await seedCreateOrg(ctx.admin, `bench-rawcreate-${ctx.runId}`);
  let n = 0;
  const rows: (Row | Row[] | undefined)[] = [];
  let r = 0; // one counter across warm-up and run: names stay unique
  rows.push(
    await fnRow(
      ctx,
      "raw-create",
      "create transaction (lock, limit, write, commit), raw SQL",
      "raw-sql",
      () => rawCreateTransaction(ctx.raw, rawOrg.id, `Raw ${ctx.runId} ${r++}`),
    ),
  );
  // What the API sends today (one guarded statement), from a raw client: the database's own ceiling.
  rows.push(
    await fnRow(ctx, "raw-create-one", "the API's one create statement, raw SQL", "raw-sql", () =>
      rawCreateOneStatement(ctx.raw, rawOrg.id, `Raw ${ctx.runId} ${r++}`),
    ),
  );
  rows.push(
    await httpRow(
      ctx,
      "api-create",
      "POST /api/v1/agents, unique names",
      {
        method: "POST",
        path: "/api/v1/agents",
        headers: auth(apiOrg.key),
        // No optimization hand-off: the raw baseline has none, and in a full run (Gemini on for
        // the widget rows, no Inngest) every hand-off would fail and log instead.
        makeBody: () =>
          JSON.stringify({ name: `Bench ${ctx.runId} ${n++}`, persona: "support", auto_optimize: false }),
      },
      "raw-create",
    ),
  );
  // Replay: one key, one body, created once, then replayed under load.
  const replayKey = `bench-replay-${ctx.runId}`;
  const replayBody = JSON.stringify({ name: `Replay ${ctx.runId}`, persona: "support" });
  // Made first, so the raw baseline reads the same agent every replay returns.
  const first = await fetch(`${ctx.baseUrl}/api/v1/agents`, {
    method: "POST",
    headers: { ...auth(apiOrg.key), "idempotency-key": replayKey, "content-type": "application/json" },
    body: replayBody,
  });
  if (first.status !== 201) throw new Error(`replay setup: POST answered ${first.status}`);
  const replayUnderLock = () => rawReplayUnderLock(ctx.raw, apiOrg.id, replayKey);
  const replayLookup = () => rawReplayLookup(ctx.raw, apiOrg.id, replayKey);
  rows.push(
    await fnRow(ctx, "raw-replay", "lock org + idempotency lookup, raw SQL", "raw-sql", replayUnderLock),
  );
  rows.push(
    await fnRow(ctx, "raw-replay-lookup", "the API's one replay lookup, raw SQL", "raw-sql", replayLookup),
  );
  rows.push(
    await httpRow(
      ctx,
      "api-replay",
      "POST /api/v1/agents, same Idempotency-Key",
      {
        method: "POST",
        path: "/api/v1/agents",
        headers: { ...auth(apiOrg.key), "idempotency-key": replayKey },
        body: replayBody,
      },
      "raw-replay",
    ),
  );
  return rows.flat().filter((r): r is Row => Boolean(r));
}

export async function listScenarios(ctx: BenchContext): Promise<Row[]> {
  const org = await seedListOrg(ctx.admin);
  const limit = 50;
  const lastOffset = LIST_AGENT_COUNT - limit;
  const rows: (Row | Row[] | undefined)[] = [];
  const list = (query: string): HttpRequestSpec => ({
    path: `/api/v1/agents?${query}`,
    headers: auth(org.key),
  });

  rows.push(
    await fnRow(ctx, "raw-list-first", "page 1, one SQL with joins", "raw-sql", () =>
      rawListPage(ctx.raw, org.id, limit, 0),
    ),
  );
  const naive: [string, string, () => Promise<unknown>][] = [
    [
      "naive-list-first",
      "page 1 via the ORM, persona + pack per row (N+1)",
      () => naiveOrmListPage(ctx.orm, org.id, limit, 0),
    ],
    [
      "naive-sql-list-first",
      "page 1 in raw SQL, persona + pack per row (N+1)",
      () => naiveSqlListPage(ctx.raw, org.id, limit, 0),
    ],
  ];
  for (const [id, label, run] of naive)
    rows.push(await fnRow(ctx, id, label, "naive", run, "raw-list-first"));
  const firstRow = await httpRow(
    ctx,
    "api-list-first",
    "GET /api/v1/agents page 1",
    list(`limit=${limit}`),
    "raw-list-first",
  );
  // The API page ÷ its raw query in alternating rounds as well: the two rows ran a minute apart.
  const apiFirst = Array.isArray(firstRow) ? firstRow[0] : firstRow;
  if (apiFirst)
    apiFirst.paired = await pairedRounds(httpLoad(ctx.baseUrl, list(`limit=${limit}`), ctx), () =>
      runFnLoad(() => rawListPage(ctx.raw, org.id, limit, 0), {
        concurrency: ctx.connections,
        seconds: roundSeconds(ctx.seconds),
      }),
    );
  rows.push(firstRow);

  rows.push(
    await fnRow(ctx, "raw-list-last-offset", `offset ${lastOffset}, one SQL`, "raw-sql", () =>
      rawListPage(ctx.raw, org.id, limit, lastOffset),
    ),
  );
  rows.push(
    await httpRow(
      ctx,
      "api-list-last-offset",
      `GET … offset=${lastOffset}`,
      list(`limit=${limit}&offset=${lastOffset}`),
      "raw-list-last-offset",
    ),
  );

  const after = await keysetBefore(ctx.raw, org.id, lastOffset);
  rows.push(
    await fnRow(ctx, "raw-list-last-cursor", "last page by keyset, one SQL", "raw-sql", () =>
      rawListAfter(ctx.raw, org.id, limit, after),
    ),
  );
  // The API's own cursor for the last page: the next_cursor of the page before it.
  const before = await probe(ctx, list(`limit=${limit}&offset=${lastOffset - limit}`));
  const cursor = (before.json as { pagination?: { next_cursor?: string } })?.pagination?.next_cursor;
  if (cursor) {
    const lastPage = list(`limit=${limit}&cursor=${encodeURIComponent(cursor)}`);
    const row = await httpRow(
      ctx,
      "api-list-last-cursor",
      "GET … cursor=<last page>",
      lastPage,
      "raw-list-last-cursor",
    );
    // First page ÷ last page throughput in alternating rounds: the two rows above ran minutes
    // apart, and on a shared machine that alone moves them by more than the goal's 20 %.
    const main = Array.isArray(row) ? row[0] : row;
    if (main)
      main.paired = await pairedRounds(
        httpLoad(ctx.baseUrl, list(`limit=${limit}`), ctx),
        httpLoad(ctx.baseUrl, lastPage, ctx),
      );
    rows.push(row);
  } else {
    process.stderr.write(
      `[bench] api-list-last-cursor: no next_cursor from the API (status ${before.status})\n`,
    );
  }
  return rows.flat().filter((r): r is Row => Boolean(r));
}

export async function readScenarios(ctx: BenchContext): Promise<Row[]> {
  const org = await seedListOrg(ctx.admin);
  const id = org.sampleAgentId;
  const rows: (Row | Row[] | undefined)[] = [];
  rows.push(
    await fnRow(ctx, "raw-get", "one agent with joins", "raw-sql", () => rawGetAgent(ctx.raw, org.id, id)),
  );
  rows.push(
    await httpRow(
      ctx,
      "api-get",
      "GET /api/v1/agents/{id}",
      { path: `/api/v1/agents/${id}`, headers: auth(org.key) },
      "raw-get",
    ),
  );
  rows.push(
    await fnRow(ctx, "raw-widget-config", "display fields by public id", "raw-sql", () =>
      rawWidgetConfig(ctx.raw, id),
    ),
  );
  rows.push(
    await httpRow(
      ctx,
      "api-widget-config",
      "GET /api/widget/config/{id}",
      { path: `/api/widget/config/${id}` },
      "raw-widget-config",
    ),
  );
  return rows.flat().filter((r): r is Row => Boolean(r));
}
