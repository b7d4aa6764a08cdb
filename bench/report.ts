import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CpuSplit } from "./cpu";
import { aboveFloor } from "./floor";
import type { LoadResult } from "./load";
import type { StoreRounds } from "./store-rounds";

// One markdown table for the terminal, the README and the closing note; JSON for history.
export type Row = {
  id: string;
  label: string;
  driver: "http" | "raw-sql" | "naive";
  result: LoadResult;
  statementsPerRequest: number | null;
  baseline?: string; // id of the row this one is compared to
  cpu?: CpuSplit; // CPU ms per request: app server / Postgres / load driver
  store?: StoreRounds; // Postgres-store / memory-store throughput, paired rounds (API rows)
  // A paired-round ratio a goal is judged on: api-list-first ÷ its raw query; the first page ÷ api-list-last-cursor.
  paired?: StoreRounds;
  floor?: StoreRounds; // app CPU per request ÷ the pipeline floor's, paired rounds (bench/floor-rounds.ts)
  /** The measured run on the monotonic clock, to cut a CPU profile by scenario (bench/profile.ts). */
  window?: { startUs: number; endUs: number };
};

export type Goal = { goal: string; value: string; pass: boolean };

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function ratio(rows: Row[], a: string, b: string): number | undefined {
  const ra = rows.find((r) => r.id === a);
  const rb = rows.find((r) => r.id === b);
  if (!ra || !rb || rb.result.throughput === 0) return undefined;
  return ra.result.throughput / rb.result.throughput;
}

export function markdownTable(rows: Row[]): string {
  const head =
    "| scenario | driver | req/s | p50 ms | p99 ms | requests | non-2xx | 5xx | SQL/req | CPU ms/req app · pg · driver | app CPU above floor | vs baseline |\n" +
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";
  const lines = rows.map((r) => {
    const x = r.result;
    const base = r.baseline ? ratio(rows, r.id, r.baseline) : undefined;
    const vs = r.baseline && base !== undefined ? `${fmt(base * 100)} % of \`${r.baseline}\`` : "—";
    const stmts = r.statementsPerRequest === null ? "—" : fmt(r.statementsPerRequest, 1);
    const cpu = r.cpu
      ? `${fmt(r.cpu.serverMs, 2)} · ${fmt(r.cpu.postgresMs, 2)} · ${fmt(r.cpu.driverMs, 2)}`
      : "—";
    return `| \`${r.id}\` ${r.label} | ${r.driver} | ${fmt(x.throughput)} | ${fmt(x.p50, 1)} | ${fmt(x.p99, 1)} | ${fmt(x.requests)} | ${fmt(x.errors)} | ${fmt(x.status5xx)} | ${stmts} | ${cpu} | ${aboveFloor(rows, r)} | ${vs} |`;
  });
  return [head, ...lines].join("\n");
}

export function goalsTable(goals: Goal[]): string {
  return [
    "| goal | measured | |",
    "|---|---|---|",
    ...goals.map((g) => `| ${g.goal} | ${g.value} | ${g.pass ? "✅" : "❌"} |`),
  ].join("\n");
}

export function writeResults(file: string, data: Record<string, unknown>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
