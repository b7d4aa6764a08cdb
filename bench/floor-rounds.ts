import { cpuSnapshot } from "./cpu";
import { type HttpRequestSpec, runHttpLoad } from "./load";
import { pairedRounds, roundSeconds, type StoreRounds } from "./store-rounds";

// A row's app CPU per request ÷ the pipeline floor's, as paired rounds: the floor row runs first
// in the bench and the route's row minutes later, and on a shared 2-core machine the floor alone
// moved by 1.07–1.49 ms between runs (more than a goal's margin). Alternating short rounds of the
// two on the same instance see the same drift on both sides; the median drops an odd round.

let floorSpec: HttpRequestSpec | undefined;

/** The pipeline floor's request (GET /api/v1/ping with a key), set when the floor rows run. */
export function setFloorSpec(spec: HttpRequestSpec): void {
  floorSpec = spec;
}

export async function floorRounds(
  ctx: { baseUrl: string; serverPid?: number; connections: number; seconds: number },
  spec: HttpRequestSpec,
): Promise<StoreRounds | undefined> {
  if (!floorSpec || !ctx.serverPid) return undefined;
  const pid = ctx.serverPid;
  // "Throughput" here is requests per millisecond of app CPU, so floor ÷ row = the row's CPU
  // per request ÷ the floor's.
  const perCpuMs = (s: HttpRequestSpec) => async () => {
    const before = cpuSnapshot(pid, undefined).serverMs;
    const r = await runHttpLoad(ctx.baseUrl, s, {
      connections: ctx.connections,
      seconds: roundSeconds(ctx.seconds),
    });
    const used = cpuSnapshot(pid, undefined).serverMs - before;
    return { throughput: used > 0 ? r.requests / used : 0 };
  };
  return pairedRounds(perCpuMs(floorSpec), perCpuMs(spec));
}
