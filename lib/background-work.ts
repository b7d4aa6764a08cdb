import { detachFromStatementCounter } from "@/db/query-counter";

// The one registry of after-commit work that runs off the request path (event hand-offs,
// webhook queueing). On globalThis so the server wrapper (scripts/serve.ts, outside Next's
// bundle) can let it finish on SIGTERM before the pool closes; what is cut off anyway is left
// to the outboxes.
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

/**
 * Starts work that must not hold the response: outside the request's statement count, tracked
 * until it settles. `work` logs its own failures.
 */
export function runInBackground(work: () => Promise<unknown>): void {
  trackBackgroundWork(detachFromStatementCounter(work));
}

/** Waits until no background work is left, or the timeout passes; returns what was still running. */
export async function settleBackgroundWork(timeoutMs = Number.POSITIVE_INFINITY): Promise<number> {
  const set = registry();
  const deadline = Date.now() + timeoutMs;
  while (set.size > 0 && Date.now() < deadline) {
    const left = deadline - Date.now();
    const waits: Promise<unknown>[] = [Promise.allSettled([...set])];
    if (Number.isFinite(left)) waits.push(new Promise((r) => setTimeout(r, left)));
    await Promise.race(waits);
  }
  return set.size;
}
