import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { findRunningEmbeddedUrl } from "@/db/embedded";
import { rawWidgetConfig } from "./baselines";
import { cpuPerRequest, cpuSnapshot, monotonicUs, postmasterPid } from "./cpu";
import { type HttpRequestSpec, runFnLoad, runHttpLoad } from "./load";
import { machineDescription, writeResults } from "./report";
import { LIST_ORG_SLUG } from "./seed";
import { BENCH_DATA_DIR, BENCH_PORT, type BenchServer, startServer } from "./server";

// Before and after at the same moment: this checkout's server and another checkout's (the
// first release, say), both running, each on its own database, loaded in alternating rounds
// (after then before, before then after, …): machine drift between runs minutes apart (other
// work, Postgres housekeeping) lands on both sides alike, and the per-round ratio cancels it.
// Each side's unit is the raw-SQL baseline on its database, then the route, as in `bench read`.
// The row is the widget config (no API key: one seed serves both versions).
//   BENCH_BEFORE_DIR=/path/to/before npx tsx bench/paired-trees.ts
// Both checkouts built into BENCH_DIST_DIR (.next-f) and seeded (`bench read` run once in each).
// Env: BENCH_ROUNDS (6), BENCH_SECONDS (4), BENCH_CONNECTIONS (32, per side), DB_POOL_MAX (10),
// BENCH_WARMUP_SECONDS (2, per side), BENCH_PAIRED_MODE (`sequential`, the default, or `concurrent`: both sides loaded at once).
const row = "widget-config";
const beforeDir = process.env.BENCH_BEFORE_DIR;
if (!beforeDir) {
  process.stderr.write("usage: BENCH_BEFORE_DIR=<checkout> tsx bench/paired-trees.ts\n");
  process.exit(2);
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const poolMax = Number(process.env.DB_POOL_MAX ?? 10);
const concurrent = process.env.BENCH_PAIRED_MODE === "concurrent";
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

type Side = {
  name: "after" | "before";
  server: BenchServer;
  sql: postgres.Sql;
  postgresPid?: number;
  spec: HttpRequestSpec;
  raw: () => Promise<unknown>;
};
type Unit = {
  round: number;
  side: Side["name"];
  load: string;
  api: number;
  raw: number;
  ratio: number;
  appMs?: number;
  rawPgMs?: number;
  /** The route's load on the monotonic clock, to cut a CPU profile of that side's server. */
  window: { startUs: number; endUs: number; requests: number };
};

async function side(name: Side["name"], server: BenchServer, dataDir: string): Promise<Side> {
  const url = findRunningEmbeddedUrl(dataDir);
  if (!url) throw new Error(`${name}: no running database in ${dataDir}`);
  const sql = postgres(url, { max: poolMax, onnotice: () => {} });
  const [org] = await sql<{ id: number }[]>`select id from organizations where slug = ${LIST_ORG_SLUG}`;
  const [agent] = org
    ? await sql<{ public_id: string }[]>`
        select public_id from agents where organization_id = ${org.id}
        order by created_at desc, id desc offset 500 limit 1`
    : [];
  if (!org || !agent)
    throw new Error(`${name}: not seeded; run \`npm run bench:read\` in that checkout once`);
  const id = agent.public_id;
  return {
    name,
    server,
    sql,
    postgresPid: postmasterPid(dataDir),
    spec: { path: `/api/widget/config/${id}` },
    raw: () => rawWidgetConfig(sql, id),
  };
}

type Measured = { result: Awaited<ReturnType<typeof runHttpLoad>>; cpu?: ReturnType<typeof cpuPerRequest> };

async function rawLoad(s: Side): Promise<Measured> {
  const pg0 = cpuSnapshot(undefined, s.postgresPid);
  const result = await runFnLoad(s.raw, { concurrency: connections, seconds });
  return { result, cpu: cpuPerRequest(pg0, cpuSnapshot(undefined, s.postgresPid), result.requests) };
}

async function apiLoad(s: Side): Promise<Measured & { startUs: number; endUs: number }> {
  const app0 = cpuSnapshot(s.server.pid, s.postgresPid);
  const startUs = monotonicUs();
  const result = await runHttpLoad(s.server.url, s.spec, { connections, seconds });
  const endUs = monotonicUs();
  const cpu = cpuPerRequest(app0, cpuSnapshot(s.server.pid, s.postgresPid), result.requests);
  return { result, cpu, startUs, endUs };
}

function toUnit(
  s: Side,
  round: number,
  load: string,
  raw: Measured,
  api: Awaited<ReturnType<typeof apiLoad>>,
): Unit {
  if (api.result.errors || raw.result.errors)
    throw new Error(`${s.name}: ${api.result.errors} HTTP / ${raw.result.errors} SQL errors`);
  return {
    round,
    side: s.name,
    load,
    api: api.result.throughput,
    raw: raw.result.throughput,
    ratio: api.result.throughput / raw.result.throughput,
    appMs: api.cpu?.serverMs,
    rawPgMs: raw.cpu?.postgresMs,
    window: { startUs: api.startUs, endUs: api.endUs, requests: api.result.requests },
  };
}

const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/** One round: each side's raw baseline then its route, the sides one after the other. */
async function sequentialRound(order: Side[], round: number): Promise<Unit[]> {
  const units: Unit[] = [];
  for (const s of order) {
    const load = loadavg();
    const raw = await rawLoad(s);
    units.push(toUnit(s, round, load, raw, await apiLoad(s)));
  }
  return units;
}

/**
 * One round with both sides loaded at the same moment (both raw baselines, then both routes):
 * a burst of other work on the machine lands on both alike instead of on whichever side was
 * running, and the scheduler hands each server the CPU it can use, so the side that costs less
 * per request serves more.
 */
async function concurrentRound(order: Side[], round: number): Promise<Unit[]> {
  const load = loadavg();
  const raws = await Promise.all(order.map(rawLoad));
  const apis = await Promise.all(order.map(apiLoad));
  return order.map((s, i) => toUnit(s, round, load, raws[i]!, apis[i]!));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round2 = (x: number) => Math.round(x * 100) / 100;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const servers: BenchServer[] = [];
const sides: Side[] = [];
let exitCode = 0;
try {
  servers.push(await startServer({ logName: "paired-after" }));
  sides.push(await side("after", servers[0]!, BENCH_DATA_DIR));
  servers.push(await startServer({ port: BENCH_PORT + 1, cwd: beforeDir, logName: "paired-before" }));
  sides.push(await side("before", servers[1]!, path.join(beforeDir, ".data-bench")));
  for (const s of sides) {
    await runHttpLoad(s.server.url, s.spec, { connections, seconds: warmupSeconds });
    await runFnLoad(s.raw, { concurrency: connections, seconds: 1 });
  }
  const units: Unit[] = [];
  for (let r = 1; r <= rounds; r++) {
    const order = r % 2 === 1 ? sides : [...sides].reverse();
    for (const u of await (concurrent ? concurrentRound : sequentialRound)(order, r)) {
      units.push(u);
      process.stderr.write(
        `[paired] round ${r} ${u.side}: api ${Math.round(u.api)}/s raw ${Math.round(u.raw)}/s ratio ${pct(u.ratio)} app ${u.appMs} ms/req (load ${u.load})\n`,
      );
    }
  }
  const of = (name: Side["name"], r: number) => units.find((u) => u.side === name && u.round === r)!;
  const perRound = Array.from({ length: rounds }, (_, i) => {
    const a = of("after", i + 1);
    const b = of("before", i + 1);
    return { round: i + 1, ratioChange: a.ratio / b.ratio - 1, apiChange: a.api / b.api - 1 };
  });
  const summary = {
    ratioBefore: median(units.filter((u) => u.side === "before").map((u) => u.ratio)),
    ratioAfter: median(units.filter((u) => u.side === "after").map((u) => u.ratio)),
    appMsBefore: round2(median(units.filter((u) => u.side === "before").map((u) => u.appMs ?? 0))),
    appMsAfter: round2(median(units.filter((u) => u.side === "after").map((u) => u.appMs ?? 0))),
    medianRatioChange: median(perRound.map((p) => p.ratioChange)),
    medianApiChange: median(perRound.map((p) => p.apiChange)),
  };
  const lines = [
    `## Paired before/after rounds: \`api-${row}\` / \`raw-${row}\` — ${new Date().toISOString()}`,
    "",
    `${machineDescription()}; ${rounds} rounds (${concurrent ? "both sides loaded at once" : "sides one after the other"}), ${seconds} s per load, ${connections} connections per side, DB pool ${poolMax}`,
    "",
    "| round | before ratio | after ratio | change | app ms/req before → after | api req/s before → after |",
    "|---:|---:|---:|---:|---|---|",
    ...perRound.map((p) => {
      const a = of("after", p.round);
      const b = of("before", p.round);
      return `| ${p.round} | ${pct(b.ratio)} | ${pct(a.ratio)} | ${(p.ratioChange * 100).toFixed(0)} % | ${b.appMs} → ${a.appMs} | ${Math.round(b.api)} → ${Math.round(a.api)} |`;
    }),
    `| median | ${pct(summary.ratioBefore)} | ${pct(summary.ratioAfter)} | ${(summary.medianRatioChange * 100).toFixed(0)} % | ${summary.appMsBefore} → ${summary.appMsAfter} | api ${(summary.medianApiChange * 100).toFixed(0)} % |`,
  ];
  process.stdout.write(`\n${lines.join("\n")}\n`);
  writeResults(`bench/results/latest-paired-${row}.json`, {
    date: new Date().toISOString(),
    machine: machineDescription(),
    settings: {
      rounds,
      seconds,
      connections,
      dbPoolMax: poolMax,
      beforeDir,
      mode: concurrent ? "concurrent" : "sequential",
    },
    units,
    perRound,
    summary,
    markdown: lines.join("\n"),
  });
} catch (e) {
  process.stderr.write(`[paired] failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  exitCode = 1;
} finally {
  for (const s of sides) await s.sql.end({ timeout: 5 });
  for (const s of servers.reverse()) await s.stop();
}
process.exit(exitCode);
