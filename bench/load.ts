import autocannon from "autocannon";

// Two load drivers with the same output shape: autocannon for HTTP scenarios, and an
// in-process closed loop (N workers calling an async function) for the raw-SQL baselines.
export type LoadResult = {
  requests: number;
  seconds: number;
  throughput: number; // completed requests per second
  p50: number; // ms
  p99: number; // ms
  errors: number; // non-2xx + transport errors + timeouts
  status5xx: number;
  statusCodes: Record<string, number>;
  firstError?: string;
};

export type HttpRequestSpec = {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called per request: returns the body (e.g. a unique agent name). */
  makeBody?: () => string;
  /** Called per request: extra headers (e.g. one visitor's token of many). */
  makeHeaders?: () => Record<string, string>;
};

/** Several base URLs: autocannon spreads its connections round-robin over them. */
export async function runHttpLoad(
  baseUrl: string | string[],
  spec: HttpRequestSpec,
  opts: { connections: number; seconds: number },
): Promise<LoadResult> {
  const headers = { ...spec.headers };
  if (spec.body || spec.makeBody) headers["content-type"] = "application/json";
  const result = await autocannon({
    url: baseUrl,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 15,
    requests: [
      {
        method: spec.method ?? "GET",
        path: spec.path,
        headers,
        body: spec.body,
        ...(spec.makeBody || spec.makeHeaders
          ? {
              setupRequest: (req: Record<string, unknown>) => ({
                ...req,
                ...(spec.makeBody ? { body: spec.makeBody() } : {}),
                ...(spec.makeHeaders
                  ? { headers: { ...(req.headers as Record<string, string>), ...spec.makeHeaders() } }
                  : {}),
              }),
            }
          : {}),
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  let status5xx = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    const count = (stat as { count: number }).count;
    statusCodes[code] = count;
    if (Number(code) >= 500) status5xx += count;
  }
  const requests = result.requests.total;
  return {
    requests,
    seconds: result.duration,
    throughput: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    status5xx,
    statusCodes,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? 0;
}

/** A closed loop like autocannon's: `concurrency` workers, each starting its next call when one ends. */
export async function runFnLoad(
  fn: (i: number) => Promise<unknown>,
  opts: { concurrency: number; seconds: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let n = 0;
  const started = performance.now();
  const until = started + opts.seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        await fn(n++);
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    throughput: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    status5xx: 0,
    statusCodes: {},
    firstError,
  };
}
