import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// The embedded Postgres: data under <dataDir>/pg, found by every process through
// the postmaster.pid file that Postgres itself writes (line 4 holds the port).
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";
export const EMBEDDED_DATABASE = "youragent";

export function embeddedUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export function pgDir(dataDir: string): string {
  return path.resolve(dataDir, "pg");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The URL of an embedded server already running on this data dir, if any. Synchronous on purpose. */
export function findRunningEmbeddedUrl(dataDir: string): string | undefined {
  const pidFile = path.join(pgDir(dataDir), "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !isAlive(pid)) return undefined;
  return embeddedUrl(port);
}
