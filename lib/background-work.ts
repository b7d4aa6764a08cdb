// After-commit work that runs off the request path (event hand-offs, webhook queueing).
// Registered on globalThis so the server wrapper (scripts/serve.ts, outside Next's bundle) can
// let it finish on SIGTERM before the pool closes; what is cut off anyway is left to the outbox.
export const BACKGROUND_WORK_KEY = "__youragentBackgroundWork";

type Registry = Set<Promise<unknown>>;

function registry(): Registry {
  const g = globalThis as unknown as Record<string, Registry | undefined>;
  g[BACKGROUND_WORK_KEY] ??= new Set();
  return g[BACKGROUND_WORK_KEY];
}

export function trackBackgroundWork(p: Promise<unknown>): void {
  const set = registry();
  // Settled either way: a failure here is the caller's to log, never an unhandled rejection.
  const tracked: Promise<unknown> = p.then(
    () => undefined,
    () => undefined,
  );
  void tracked.finally(() => set.delete(tracked));
  set.add(tracked);
}

/** Waits until no background work is left, or the timeout passes; returns what was still running. */
export async function settleBackgroundWork(timeoutMs: number): Promise<number> {
  const set = registry();
  const deadline = Date.now() + timeoutMs;
  while (set.size > 0 && Date.now() < deadline) {
    const left = deadline - Date.now();
    await Promise.race([Promise.allSettled([...set]), new Promise((r) => setTimeout(r, left))]);
  }
  return set.size;
}
