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

type Unsafe = (query: string, params: unknown[], options?: { prepare?: boolean }) => unknown;

/**
 * `prepared` (built once on the pool's client) run on `db`'s connection (the pool's, or a
 * transaction's, so one built statement serves every transaction) as a named server-side
 * statement. Why named: postgres.js sends an unnamed statement with parameters as Parse/Describe
 * first and Bind/Execute after the answer, two round trips; a named one, once described on a
 * connection, is one. Relies on the postgres.js driver's prepared query keeping its client in
 * `client` and every Drizzle database or transaction its session in `session` (both checked, so
 * a driver change fails loudly instead of running on the wrong connection).
 */
export function onExecutor<T extends object>(prepared: T, db: Executor): T {
  if (!("client" in prepared)) throw new Error("onExecutor: the prepared query no longer keeps its client");
  return Object.assign(Object.create(prepared) as T, { client: { unsafe: namedOn(db) } });
}

/** SQL text with `$n` parameters, run on `db`'s connection as a named statement (see above). */
export function runNamed<T>(db: Executor, text: string, params: unknown[]): Promise<T[]> {
  return namedOn(db)(text, params) as Promise<T[]>;
}

function namedOn(db: Executor) {
  const client = (db as unknown as { session?: { client?: { unsafe?: Unsafe } } }).session?.client;
  const unsafe = client?.unsafe;
  if (!client || typeof unsafe !== "function") {
    throw new Error("onExecutor: the database driver no longer exposes its client");
  }
  return (q: string, params: unknown[]) => unsafe.call(client, q, params, { prepare: true });
}
