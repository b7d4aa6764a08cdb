import type { Goal, Row } from "./report";

// The rate-limit store's cost: each API row on the Postgres-store instance against the same row
// on the memory-store instance, measured back to back in the same run.
const WITHIN = 0.9;

export function storeGoals(rows: Row[]): Goal[] {
  const pairs = rows.flatMap((r) => {
    const mem = rows.find((m) => m.id === `${r.id}@memory`);
    return mem && mem.result.throughput > 0
      ? [{ id: r.id, x: r.result.throughput / mem.result.throughput }]
      : [];
  });
  if (pairs.length === 0) return [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const perRow: Goal[] = pairs.map((p) => ({
    goal: `\`${p.id}\` postgres/memory store`,
    value: pct(p.x),
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
