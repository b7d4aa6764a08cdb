import { type HttpRequestSpec, runHttpLoad } from "./load";

// The rate-limit store's cost, measured as paired rounds. One long run per store, back to back,
// moved by ±25 % between runs on a shared 2-core machine (other processes, Postgres autovacuum,
// GC), more than the store itself costs; short rounds alternating between the two instances
// (A B, B A, A B, …) see the same drift on both sides, and the median of the per-round ratios
// drops the odd disturbed round.
export type StoreRounds = { ratios: number[]; median: number };

const rounds = Number(process.env.BENCH_STORE_ROUNDS ?? 5);

export async function storeRounds(
  postgresUrl: string,
  memoryUrl: string,
  spec: HttpRequestSpec,
  opts: { connections: number; seconds: number },
): Promise<StoreRounds | undefined> {
  if (rounds < 1) return undefined;
  const seconds = Math.max(2, Math.round(opts.seconds / 2));
  const load = (url: string) => runHttpLoad(url, spec, { connections: opts.connections, seconds });
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const memoryFirst = i % 2 === 1;
    const first = await load(memoryFirst ? memoryUrl : postgresUrl);
    const second = await load(memoryFirst ? postgresUrl : memoryUrl);
    const [pg, mem] = memoryFirst ? [second, first] : [first, second];
    if (mem.throughput > 0) ratios.push(pg.throughput / mem.throughput);
  }
  if (ratios.length === 0) return undefined;
  const sorted = [...ratios].sort((a, b) => a - b);
  return { ratios, median: sorted[Math.floor(sorted.length / 2)]! };
}
