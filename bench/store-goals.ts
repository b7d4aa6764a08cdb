import type { Goal, Row } from "./report";

// The rate-limit store's cost: each API row's throughput on the Postgres-store instance against
// the memory-store instance, as the median of paired rounds (bench/store-rounds.ts). The two
// single long runs stay in the table (`<id>` and `<id>@memory`) for their latency and CPU.
const WITHIN = 0.9;

export function storeGoals(rows: Row[]): Goal[] {
  const pairs = rows.flatMap((r) => (r.store ? [{ id: r.id, x: r.store.median, all: r.store.ratios }] : []));
  if (pairs.length === 0) return [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const perRow: Goal[] = pairs.map((p) => ({
    goal: `\`${p.id}\` postgres/memory store (median of ${p.all.length} paired rounds)`,
    value: `${pct(p.x)} (rounds: ${p.all.map(pct).join(", ")})`,
    pass: p.x >= WITHIN,
  }));
  const worst = pairs.reduce((a, b) => (b.x < a.x ? b : a));
  return [
    ...perRow,
    {
      goal: "Postgres store within 10 % of the in-memory store (every API row)",
      value: `worst ${pct(worst.x)} (\`${worst.id}\`)`,
      pass: worst.x >= WITHIN,
    },
  ];
}
