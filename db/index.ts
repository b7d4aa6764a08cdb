import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getEnv } from "@/lib/env";
import { findRunningEmbeddedUrl } from "./embedded-url";
import { recordStatement } from "./query-counter";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema>;
/** A transaction handle: same query surface as Db. Query functions accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export function resolveDatabaseUrl(): string {
  const env = getEnv();
  const url = env.DATABASE_URL ?? findRunningEmbeddedUrl(env.YOURAGENT_DATA_DIR);
  if (!url) {
    throw new Error(
      "No database: set DATABASE_URL, or start the app with `npm run dev` / `npm start` so the embedded Postgres runs.",
    );
  }
  return url;
}

export function createSqlClient(url: string, opts: { max?: number } = {}) {
  const env = getEnv();
  return postgres(url, {
    max: opts.max ?? env.DB_POOL_MAX,
    idle_timeout: 30,
    connect_timeout: 5,
    // postgres.js backs off up to 20 s between reconnects after an outage; cap it at ~1 s so
    // the app serves again within a second of Postgres coming back (fault test: faults-database).
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** retries, 1),
    // Timeouts on every connection: a dead or locked database must fail fast, not hang requests.
    connection: {
      application_name: "youragent",
      statement_timeout: env.DB_STATEMENT_TIMEOUT_MS,
      lock_timeout: env.DB_LOCK_TIMEOUT_MS,
      idle_in_transaction_session_timeout: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    onnotice: () => {},
    debug: statementHook,
  });
}

// The statement counter rides on postgres.js's `debug` hook, called once per statement sent
// (begin and commit included). `withoutStack`: with a `debug` function set, postgres.js would
// capture a stack for every query, which costs more than the query's own bookkeeping; the
// postinstall patch (scripts/patch-postgres.mjs) skips that for a hook so marked.
const statementHook = Object.assign(() => recordStatement(), { withoutStack: true });

type Holder = { sql: ReturnType<typeof createSqlClient>; db: Db };
const g = globalThis as unknown as { __youragentDb?: Holder };

// One client per process, cached on globalThis so dev reloads and the server wrapper share it.
function holder(): Holder {
  if (!g.__youragentDb) {
    const sql = createSqlClient(resolveDatabaseUrl());
    g.__youragentDb = { sql, db: drizzle(sql, { schema }) };
  }
  return g.__youragentDb;
}

export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const target = holder().db as unknown as Record<PropertyKey, unknown>;
    const value = target[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

export function sqlClient() {
  return holder().sql;
}

export async function closeDb(): Promise<void> {
  const h = g.__youragentDb;
  g.__youragentDb = undefined;
  if (h) await h.sql.end({ timeout: 5 });
}
