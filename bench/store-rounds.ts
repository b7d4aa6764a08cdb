import { type HttpRequestSpec, runHttpLoad } from "./load";

// Two loads compared as paired rounds; first use: the rate-limit store's cost. One long run per store, back to back,
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
  return pairedRounds(httpLoad(postgresUrl, spec, opts), httpLoad(memoryUrl, spec, opts));
}

/** One short round of HTTP load (half a scenario's seconds, at least 2). */
export function httpLoad(
  url: string,
  spec: HttpRequestSpec,
  opts: { connections: number; seconds: number },
): () => Promise<{ throughput: number }> {
  return () => runHttpLoad(url, spec, { connections: opts.connections, seconds: roundSeconds(opts.seconds) });
}

export const roundSeconds = (seconds: number) => Math.max(2, Math.round(seconds / 2));

/**
 * a's throughput ÷ b's, as the median of short alternating rounds (A B, B A, …): any two loads
 * on one machine, e.g. the list's last cursor page against its first page, or an API row
 * against its raw-SQL baseline.
 */
export async function pairedRounds(
  a: () => Promise<{ throughput: number }>,
  b: () => Promise<{ throughput: number }>,
): Promise<StoreRounds | undefined> {
  if (rounds < 1) return undefined;
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const bFirst = i % 2 === 1;
    const first = await (bFirst ? b : a)();
    const second = await (bFirst ? a : b)();
    const [ra, rb] = bFirst ? [second, first] : [first, second];
    if (rb.throughput > 0) ratios.push(ra.throughput / rb.throughput);
  }
  if (ratios.length === 0) return undefined;
  const sorted = [...ratios].sort((x, y) => x - y);
  return { ratios, median: sorted[Math.floor(sorted.length / 2)]! };
}
