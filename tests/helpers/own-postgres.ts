import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { closeDb } from "@/db";
import { type EmbeddedHandle, freePort, startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { syncPersonas } from "@/db/seed";
import { resetEnvCache } from "@/lib/env";

// A Postgres of the test file's own, so fault tests can stop and restart it without touching
// the database every other test file shares. Same port after a restart: the app's pool reconnects.
export type OwnPostgres = {
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  destroy: () => Promise<void>;
};

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "youragent-fault-"));
  // Postgres runs as an unprivileged user when we are root: it must be able to enter the dir.
  chmodSync(dir, 0o755);
  const port = await freePort();
  let handle: EmbeddedHandle | undefined = await startEmbeddedPostgres(dir, { preferredPort: port });
  const url = handle.url;
  if (!url.includes(`:${port}/`)) throw new Error(`own Postgres did not get port ${port}`);
  await runMigrations(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await syncPersonas(drizzle(sql, { schema }));
  await sql.end();
  return {
    url,
    stop: async () => {
      await handle?.stop();
      handle = undefined;
    },
    start: async () => {
      handle = await startEmbeddedPostgres(dir, { preferredPort: port });
      if (handle.url !== url) throw new Error(`own Postgres restarted on another port: ${handle.url}`);
    },
    destroy: async () => {
      await handle?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Points the app's lazy `db` (and getEnv) at another database with other settings. */
export async function switchDatabase(url: string, env: Record<string, string> = {}): Promise<void> {
  await closeDb();
  process.env.DATABASE_URL = url;
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  resetEnvCache();
}
