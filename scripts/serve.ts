import { spawn } from "node:child_process";
import { createServer } from "node:http";
import path from "node:path";
import { releaseEmbeddedExitHooks } from "@/db/embedded";
import { PostgresAccessError } from "@/db/embedded-access";
import { settleBackgroundWork } from "@/lib/background-work";
import { startInvalidationListener, stopInvalidationListener } from "@/lib/coherence/invalidation";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { log as logJson } from "@/lib/logger";
import { prepareRuntime, printLogin } from "./prepare-runtime";

// `npm run dev` (next dev as a child) and `npm start` (Next in this process, so SIGTERM
// can drain in-flight requests and close the pool before exiting 0).
const dev = process.argv.includes("--dev");
// `next start` sets this itself; a custom server must, or React and Next run their slower dev paths.
if (!dev) Object.assign(process.env, { NODE_ENV: "production" });
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
const publicUrl = process.env.APP_URL ?? `http://localhost:${port}`;

function log(msg: string) {
  process.stderr.write(`[youragent] ${msg}\n`);
}

const rt = await prepareRuntime({ dev }).catch((e: unknown) => {
  if (!(e instanceof PostgresAccessError)) throw e;
  log(e.message);
  process.exit(1);
});
// From here on this process decides the shutdown order (drain, pool, database).
releaseEmbeddedExitHooks();

async function stopDatabase() {
  if (rt.embedded?.owned) await rt.embedded.stop().catch(() => {});
}

if (dev) {
  const inngest = await import("./inngest-dev").then((m) => m.startInngestDev(port)).catch(() => undefined);
  const child = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "dev", "-p", String(port)],
    {
      stdio: "inherit",
      env: { ...process.env, INNGEST_DEV: process.env.INNGEST_DEV ?? (inngest ? "1" : undefined) },
    },
  );
  child.once("spawn", () => printLogin(rt, publicUrl));
  const stop = async (code: number) => {
    inngest?.kill();
    await stopDatabase();
    process.exit(code);
  };
  child.on("exit", (code) => void stop(code ?? 0));
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
} else {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Listening before the first request: readiness reports it, caches rely on it.
  startInvalidationListener();
  const server = createServer((req, res) => {
    // Overwrites any client-sent copy: the only trustworthy record of the socket address.
    req.headers[PEER_HEADER] = peerHeaderValue(req.socket.remoteAddress ?? "");
    void handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  server.listen(port, hostname, () => {
    log(`ready on ${publicUrl}`);
    printLogin(rt, publicUrl);
  });

  let stopping = false;
  const shutdown = async (sig: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: draining in-flight requests`);
    const force = setTimeout(() => {
      log("drain timed out; exiting");
      process.exit(1);
    }, 25_000);
    force.unref();
    // Stop accepting, let in-flight requests finish, then close the pool and the database.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    // After-commit hand-offs still running get a few seconds; the outbox covers the rest.
    const left = await settleBackgroundWork(5_000);
    if (left > 0) log(`${left} background hand-off(s) cut off; the outbox flusher will re-send them`);
    await stopInvalidationListener();
    const holder = (globalThis as { __youragentDb?: { sql: { end: (o: object) => Promise<void> } } })
      .__youragentDb;
    await holder?.sql.end({ timeout: 5 }).catch(() => {});
    await stopDatabase();
    log("stopped");
    process.exit(exitCode);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  // A rejection nobody awaited (a driver error on an idle connection, a fire-and-forget touch)
  // must not take every in-flight request down with it: Node 20 would exit on it by default.
  process.on("unhandledRejection", (reason) => {
    logJson("error", "unhandled rejection", {
      error: reason instanceof Error ? reason.message : String(reason),
    });
  });
  // After an uncaught exception the process state is unknown: drain what is in flight, exit 1.
  process.on("uncaughtException", (err) => {
    logJson("error", "uncaught exception", { error: err.message, stack: err.stack });
    void shutdown("uncaughtException", 1);
  });
}
