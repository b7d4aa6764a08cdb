import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

// Builds (unless BENCH_SKIP_BUILD=1) and starts the production server (scripts/serve.ts, the
// same entry as `npm start`) on the embedded Postgres in .data-bench, output teed to a log file.
export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 3116);
export const BENCH_DATA_DIR = path.resolve(".data-bench");
export const BENCH_DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-f";
export const BENCH_LOG = path.resolve("test-results/logs/bench-server.log");

export type BenchServer = { url: string; pid?: number; stop: () => Promise<number | null> };

/**
 * One instance: its port and what differs from the others (e.g. RATE_LIMIT_STORE). `cwd`: another
 * checkout to serve, built into its own BENCH_DIST_DIR, on its own `.data-bench` (the paired
 * before/after rounds, bench/paired-trees.ts).
 */
export type InstanceOptions = { port?: number; env?: Record<string, string>; logName?: string; cwd?: string };

function serverEnv(
  port = BENCH_PORT,
  extra: Record<string, string> = {},
  dataDir = BENCH_DATA_DIR,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    YOURAGENT_DATA_DIR: dataDir,
    NEXT_DIST_DIR: BENCH_DIST_DIR,
    APP_URL: `http://localhost:${port}`,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0",
    EXPOSE_STATEMENT_COUNT: "1",
    // The bench measures the database path, not the per-key limiter.
    API_RATE_LIMIT_PER_MINUTE: "100000000",
    WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE: "100000000",
    WIDGET_AGENT_RATE_LIMIT_PER_MINUTE: "100000000",
    WIDGET_IP_MESSAGE_RATE_LIMIT_PER_MINUTE: "100000000",
    WIDGET_IP_SESSION_RATE_LIMIT_PER_MINUTE: "100000000",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
    ...extra,
  };
}

export function buildApp(): void {
  process.stderr.write(`[bench] building into ${BENCH_DIST_DIR} …\n`);
  const res = spawnSync("npm", ["run", "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: serverEnv(),
  });
  if (res.status !== 0) throw new Error(`build failed (exit ${res.status})`);
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`server exited early (code ${child.exitCode}); see ${BENCH_LOG}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms; see ${BENCH_LOG}`);
}

async function assertPortFree(port: number): Promise<void> {
  const inUse = await fetch(`http://localhost:${port}/api/health`).then(
    () => true,
    () => false,
  );
  // Otherwise the health check would pass against that other server and bench the wrong build.
  if (inUse) throw new Error(`port ${port} is already serving; stop that server or set BENCH_PORT`);
}

export async function startServer(opts: InstanceOptions = {}): Promise<BenchServer> {
  const port = opts.port ?? BENCH_PORT;
  await assertPortFree(port);
  const logFile = opts.logName ? BENCH_LOG.replace(/\.log$/, `-${opts.logName}.log`) : BENCH_LOG;
  mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream = createWriteStream(logFile, { flags: "a" });
  // BENCH_CPU_PROF=<dir>: the main instance writes a V8 CPU profile there when it exits;
  // BENCH_CPU_PROF_ALL=1: every instance does (the paired trees' two servers, say).
  const prof =
    process.env.BENCH_CPU_PROF && (!opts.logName || process.env.BENCH_CPU_PROF_ALL === "1")
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
  const dataDir = opts.cwd ? path.join(opts.cwd, ".data-bench") : BENCH_DATA_DIR;
  const child = spawn(process.execPath, [...prof, "--import", "tsx", "scripts/serve.ts"], {
    cwd: opts.cwd,
    env: serverEnv(port, opts.env, dataDir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  const url = `http://localhost:${port}`;
  await waitForHealth(url, child, 90_000);
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => {
          logStream.end();
          resolve(code);
        });
        child.kill("SIGTERM");
      }),
  };
}
