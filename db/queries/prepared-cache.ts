import type { Executor } from "@/db";

// Drizzle prepared statements, built once per Drizzle instance. Why: building a query costs CPU
// on every call (a relational agent read ~1 ms, the API-key lookup ~0.15 ms on this 2-core box);
// prepared, only the placeholders change. Keyed by the instance's `query` object: stable per
// instance (the lazy `db` proxy hands out fresh bound copies of functions such as `$client`,
// never of this object), and new when the pool is closed and re-created (tests switch
// databases), so a statement never outlives its client.
const cache = new WeakMap<object, Map<unknown, unknown>>();

/** `build(db)` once per database instance; undefined inside a transaction (no `$client`). */
export function preparedFor<T>(db: Executor, build: (db: Executor) => T): T | undefined {
  const root = db as { $client?: unknown; query?: object };
  if (!root.$client || !root.query) return undefined;
  let entries = cache.get(root.query);
  if (!entries) {
    entries = new Map();
    cache.set(root.query, entries);
  }
  if (!entries.has(build)) entries.set(build, build(db));
  return entries.get(build) as T;
}
