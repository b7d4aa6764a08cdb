import { setFloorSpec } from "./floor-rounds";
import type { Goal, Row } from "./report";
import { type BenchContext, httpRow } from "./scenarios";
import { seedCreateOrg } from "./seed";

// The floors: what a request costs before our code does any work. `floor-bare` is a constant
// with no pipeline at all (the liveness probe: Next.js and Node's HTTP alone); `api-ping` runs
// the whole API pipeline (request id, statement count, deadline, API key, shared rate limit,
// scope) and answers a constant. Every API row's app CPU is then shown above the pipeline floor,
// so the framework's share, the pipeline's and the route's own work are separate.
export const BARE_FLOOR = "floor-bare";
export const PIPELINE_FLOOR = "api-ping";

export async function floorScenarios(ctx: BenchContext): Promise<Row[]> {
  const org = await seedCreateOrg(ctx.admin, `bench-floor-${ctx.runId}`);
  const ping = { path: "/api/v1/ping", headers: { authorization: `Bearer ${org.key}` } };
  setFloorSpec(ping);
  const rows = [
    await httpRow(ctx, BARE_FLOOR, "GET /api/health/live, a constant, no pipeline", {
      path: "/api/health/live",
    }),
    await httpRow(ctx, PIPELINE_FLOOR, "GET /api/v1/ping, the API pipeline + a constant", ping),
  ];
  return rows.flat().filter((r): r is Row => Boolean(r));
}

/** The floor a row is measured against: the pipeline floor of its own store; bare for the rest. */
export function floorOf(rows: Row[], row: Row): Row | undefined {
  if (row.id === BARE_FLOOR || row.driver !== "http") return undefined;
  const suffix = row.id.endsWith("@memory") ? "@memory" : "";
  const isApi = row.id.startsWith("api-") && !row.id.startsWith("api-widget");
  const floorId = isApi && !row.id.startsWith(PIPELINE_FLOOR) ? `${PIPELINE_FLOOR}${suffix}` : BARE_FLOOR;
  return rows.find((r) => r.id === floorId);
}

/** "+x ms (y×)": the row's app CPU per request above its floor's, and as a multiple of it. */
export function aboveFloor(rows: Row[], row: Row): string {
  const floor = floorOf(rows, row);
  if (!floor?.cpu || !row.cpu || floor.cpu.serverMs <= 0) return "—";
  const above = row.cpu.serverMs - floor.cpu.serverMs;
  return `${above >= 0 ? "+" : ""}${above.toFixed(2)} ms (${(row.cpu.serverMs / floor.cpu.serverMs).toFixed(1)}× \`${floor.id}\`)`;
}

// App CPU per request against the pipeline floor, on the default (Postgres) store.
export const FLOOR_GOALS: [string, number, string][] = [
  ["api-list-first", 2, "list page 1"],
  ["api-get", 1.5, "get one agent"],
  ["api-create", 3, "create"],
];

/** Judged on the paired rounds when they ran (bench/floor-rounds.ts); the whole rows beside them. */
export function floorGoals(rows: Row[]): Goal[] {
  const floor = rows.find((r) => r.id === PIPELINE_FLOOR);
  if (!floor?.cpu || floor.cpu.serverMs <= 0) return [];
  const goals: Goal[] = [];
  for (const [id, max, what] of FLOOR_GOALS) {
    const row = rows.find((r) => r.id === id);
    if (!row?.cpu) continue;
    const whole = row.cpu.serverMs / floor.cpu.serverMs;
    const x = row.floor?.median ?? whole;
    const rounds = row.floor
      ? `median of ${row.floor.ratios.length} paired rounds: ${row.floor.ratios.map((r) => r.toFixed(2)).join(", ")}; `
      : "";
    goals.push({
      goal: `${what}: app CPU per request ≤ ${max}× the pipeline floor's`,
      value: `${x.toFixed(2)}× (${rounds}whole rows ${whole.toFixed(2)}×, ${row.cpu.serverMs} vs ${floor.cpu.serverMs} ms)`,
      pass: x <= max,
    });
  }
  return goals;
}
