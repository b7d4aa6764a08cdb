import { randomUUID } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { type EmbeddedHandle, findRunningEmbeddedUrl, startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { conversationGoals, conversationScenarios } from "./conversations";
import { postmasterPid } from "./cpu";
import { floorGoals, floorScenarios } from "./floor";
import { twoInstanceScenario } from "./instances";
import {
  type Goal,
  goalsTable,
  machineDescription,
  markdownTable,
  type Row,
  ratio,
  writeResults,
} from "./report";
import { retrievalGoals } from "./retrieval-bench";
import { type BenchContext, createScenarios, listScenarios, readScenarios } from "./scenarios";
import { seedListOrg } from "./seed";
import { BENCH_DATA_DIR, BENCH_PORT, type BenchServer, buildApp, startServer } from "./server";
import { storeGoals } from "./store-goals";
import { startBenchGemini, widgetGoals, widgetScenarios } from "./widget";

// `npm run bench [create|list|widget|conversations|knowledge]`: production server + embedded
// Postgres, seeded through SQL, autocannon against the API next to raw-SQL baselines in the same run; one table + JSON.
// Env: BENCH_URL (+ DATABASE_URL) to use a running server, BENCH_SKIP_BUILD=1, BENCH_SECONDS,
// BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS, DB_POOL_MAX (baseline pool, default 10 like the app),
// BENCH_CPU_PROF=<dir> (V8 CPU profile of the main instance, e.g. bench/profiles: git-ignored).
// With its own server, a second instance on the same database runs RATE_LIMIT_STORE=memory: each
// API row runs on both, back to back (same data, same load moment), for the store's cost; a third
// (Postgres store) joins the main one for the two-instance scenario. `knowledge` (retrieval at
// scale) runs in this process on the database alone: no build, no server.
const SUBSETS = ["all", "create", "list", "read", "widget", "conversations", "knowledge"] as const;
const subset = (process.argv[2] ?? "all") as (typeof SUBSETS)[number];
if (!SUBSETS.includes(subset)) {
  process.stderr.write(`usage: tsx bench/run.ts [${SUBSETS.slice(1).join("|")}]\n`);
  process.exit(2);
}
const needsServer = subset !== "knowledge";
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const poolMax = Number(process.env.DB_POOL_MAX ?? 10);
const started = Date.now();

let server: BenchServer | undefined;
let memoryServer: BenchServer | undefined;
let baseUrl = process.env.BENCH_URL?.replace(/\/$/, "");
// The widget chat rows need a model: the fake Gemini answering at once, and a token secret
// shared with the servers (the bench mints the visitors' session tokens itself).
const gemini = subset === "all" || subset === "widget" ? await startBenchGemini() : undefined;
if (gemini) {
  process.env.GEMINI_BASE_URL = gemini.url;
  process.env.GEMINI_API_KEY = "fake-bench-key";
  process.env.WIDGET_TOKEN_SECRET ??= "bench-widget-token-secret-0123456789";
}
let databaseUrl = process.env.DATABASE_URL;
let ownDatabase: EmbeddedHandle | undefined;
if (!needsServer && !databaseUrl) {
  ownDatabase = await startEmbeddedPostgres(BENCH_DATA_DIR);
  databaseUrl = ownDatabase.url;
  await runMigrations(databaseUrl);
}
if (!baseUrl && needsServer) {
  if (process.env.BENCH_SKIP_BUILD !== "1") buildApp();
  server = await startServer();
  baseUrl = server.url;
  databaseUrl = findRunningEmbeddedUrl(BENCH_DATA_DIR);
  if (databaseUrl && subset !== "widget")
    memoryServer = await startServer({
      port: BENCH_PORT + 1,
      env: { DATABASE_URL: databaseUrl, RATE_LIMIT_STORE: "memory" },
      logName: "memory",
    });
}
if (!databaseUrl)
  throw new Error("BENCH_URL needs DATABASE_URL (the server's database) for seeding and baselines");

let rawStatements = 0;
const raw = postgres(databaseUrl, { max: poolMax, onnotice: () => {}, debug: () => void rawStatements++ });
const admin = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const ormClient = postgres(databaseUrl, {
  max: poolMax,
  onnotice: () => {},
  debug: () => void rawStatements++,
});
const ctx: BenchContext = {
  // The knowledge subset calls no route.
  baseUrl: baseUrl ?? "",
  raw,
  // Its own pool: drizzle() swaps the json serializers of the client it wraps, which would
  // break the raw baselines' sql.json() parameters.
  orm: drizzle(ormClient, { schema }),
  admin,
  rawStatements: () => rawStatements,
  runId: randomUUID().slice(0, 8),
  seconds,
  connections,
  warmupSeconds,
  serverPid: server?.pid,
  postgresPid: server ? postmasterPid(BENCH_DATA_DIR) : undefined,
  memory: memoryServer ? { baseUrl: memoryServer.url, serverPid: memoryServer.pid } : undefined,
};

const rows: Row[] = [];
const instanceGoals: Goal[] = [];
let exitCode = 0;
let memoryShutdown: number | null = null;
try {
  if (needsServer) rows.push(...(await floorScenarios(ctx)));
  if (subset === "all" || subset === "create") rows.push(...(await createScenarios(ctx)));
  if (subset === "all" || subset === "list") rows.push(...(await listScenarios(ctx)));
  if (subset === "all" || subset === "read") rows.push(...(await readScenarios(ctx)));
  if (subset === "all" || subset === "conversations") rows.push(...(await conversationScenarios(ctx)));
  if (subset === "all" || subset === "knowledge") instanceGoals.push(...(await retrievalGoals(ctx)));
  if (gemini && server) rows.push(...(await widgetScenarios(ctx)));
  memoryShutdown = memoryServer ? await memoryServer.stop() : null;
  memoryServer = undefined;
  if (subset === "all" && server && databaseUrl) {
    const second = await startServer({
      port: BENCH_PORT + 2,
      env: { DATABASE_URL: databaseUrl },
      logName: "second",
    });
    try {
      const org = await seedListOrg(admin);
      const two = await twoInstanceScenario(ctx, [ctx.baseUrl, second.url], org.sampleAgentId, org.key);
      rows.push(...two.rows);
      instanceGoals.push(...two.goals);
    } finally {
      const code = await second.stop();
      instanceGoals.push({
        goal: "second instance exits 0 on SIGTERM",
        value: String(code),
        pass: code === 0,
      });
    }
  }
} catch (e) {
  process.stderr.write(`[bench] failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  exitCode = 1;
} finally {
  await raw.end({ timeout: 5 });
  await admin.end({ timeout: 5 });
  await ormClient.end({ timeout: 5 });
}
if (memoryServer) memoryShutdown = await memoryServer.stop();
gemini?.stop();
await ownDatabase?.stop();
const shutdownCode = server ? await server.stop() : null;

const pct = (x: number | undefined) => (x === undefined ? "n/a" : `${Math.round(x * 100)} %`);
const byId = (id: string) => rows.find((r) => r.id === id);
const goals: Goal[] = [];
const fivexx = rows.reduce((s, r) => s + r.result.status5xx, 0);
if (rows.length > 0)
  goals.push({ goal: "zero 5xx in every scenario", value: `${fivexx} × 5xx`, pass: fivexx === 0 });
// Throughput ratios between two rows: [row, baseline, goal, minimum, how the value reads].
const times = (x: number) => `${x.toFixed(1)}×`;
const ratioGoals: [string, string, string, number, (x: number) => string][] = [
  ["api-create", "raw-create", "create ≥ 40 % of raw-SQL create throughput", 0.4, pct],
  ["api-replay", "raw-replay", "idempotent replay ≥ 40 % of its raw-SQL lookup", 0.4, pct],
  [
    "api-create",
    "raw-create-one",
    "(for reference) create vs a raw client sending the API's one create statement",
    0,
    pct,
  ],
  [
    "api-replay",
    "raw-replay-lookup",
    "(for reference) replay vs a raw client sending the API's one replay lookup",
    0,
    pct,
  ],
  ["api-list-first", "raw-list-first", "list ≥ 45 % of raw single-query throughput", 0.45, pct],
  [
    "api-list-first",
    "naive-list-first",
    "list ≥ 10× the naive N+1 list (same ORM, in-process, no HTTP)",
    10,
    times,
  ],
  [
    "api-list-first",
    "naive-sql-list-first",
    "(for reference) list vs the raw-SQL N+1 list, which skips HTTP and the ORM",
    1,
    times,
  ],
];
for (const [id, baseline, goal, min, format] of ratioGoals) {
  const r = ratio(rows, id, baseline);
  if (r === undefined) continue;
  // A row paired with this baseline in alternating rounds is judged on their median, the two
  // whole rows (measured a minute apart) shown beside it.
  const paired = id === "api-list-first" && baseline === "raw-list-first" ? byId(id)?.paired : undefined;
  if (paired)
    goals.push({
      goal,
      value: `${format(paired.median)} (median of ${paired.ratios.length} paired rounds: ${paired.ratios.map(format).join(", ")}; whole rows ${format(r)})`,
      pass: paired.median >= min,
    });
  else goals.push({ goal, value: format(r), pass: r >= min });
}
const first = byId("api-list-first");
const lastCursor = byId("api-list-last-cursor");
if (first && lastCursor) {
  // Judged on the paired rounds when they ran (both pages alternating, same drift on each side);
  // the two whole rows, measured minutes apart, are shown beside them.
  const whole = first.result.throughput / lastCursor.result.throughput;
  const paired = lastCursor.paired;
  const slow = paired?.median ?? whole;
  const rounds = paired
    ? `median of ${paired.ratios.length} paired rounds: ${paired.ratios.map((r) => r.toFixed(2)).join(", ")}; `
    : "";
  goals.push({
    goal: "cursor's last page within 1.2× of the first page (time per request)",
    value: `${slow.toFixed(2)}× (${rounds}whole rows ${whole.toFixed(2)}×, p50 ${lastCursor.result.p50} vs ${first.result.p50} ms)`,
    pass: slow <= 1.2,
  });
}
goals.push(
  ...conversationGoals(rows),
  ...floorGoals(rows),
  ...storeGoals(rows),
  ...widgetGoals(rows),
  ...instanceGoals,
);
if (shutdownCode !== null)
  goals.push({
    goal: "server exits 0 on SIGTERM after the run",
    value: String(shutdownCode),
    pass: shutdownCode === 0 && (memoryShutdown === null || memoryShutdown === 0),
  });

const elapsed = Math.round((Date.now() - started) / 1000);
const machine = machineDescription();
const table = rows.length > 0 ? markdownTable(rows) : "(no HTTP scenarios in this subset)";
process.stdout.write(
  `\n## Bench (${subset}) — ${new Date().toISOString()}\n\n${machine}; ${connections} connections, ${seconds} s per scenario, DB pool ${poolMax}; total ${elapsed} s\n\n${table}\n\n${goalsTable(goals)}\n`,
);
const file = subset === "all" ? "bench/results/latest.json" : `bench/results/latest-${subset}.json`;
writeResults(file, {
  date: new Date().toISOString(),
  subset,
  machine,
  settings: { seconds, connections, warmupSeconds, dbPoolMax: poolMax },
  elapsedSeconds: elapsed,
  rows,
  goals,
  markdown: table,
});
process.stderr.write(`[bench] wrote ${file}\n`);
process.exit(exitCode);
