import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

// Builds (unless E2E_SKIP_BUILD=1) and starts the production server for Playwright on a
// fresh embedded Postgres, so every e2e run starts from the seed.
const port = process.env.E2E_PORT ?? "3100";
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? `.data-e2e-${port}`);
rmSync(dataDir, { recursive: true, force: true });

const env = {
  ...process.env,
  PORT: port,
  YOURAGENT_DATA_DIR: dataDir,
  APP_URL: `http://localhost:${port}`,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-0123",
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
};

if (process.env.E2E_SKIP_BUILD !== "1") {
  // Types are `npm run typecheck`'s job (run before the e2e in `npm test`); the e2e tests behaviour.
  const build = spawnSync("npm", ["run", "build"], {
    stdio: "inherit",
    env: { ...env, NEXT_BUILD_SKIP_TYPECHECK: process.env.NEXT_BUILD_SKIP_TYPECHECK ?? "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The server's output is also kept in test-results/logs/, where the whole-run log check
// (tests/e2e/zz-logs-no-secrets.spec.ts) greps every log for key secrets and tokens.
mkdirSync("test-results/logs", { recursive: true });
const logFile = createWriteStream(`test-results/logs/e2e-${port}.log`);
const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
  stdio: ["ignore", "pipe", "pipe"],
  env,
});
server.stdout.pipe(process.stdout);
server.stderr.pipe(process.stderr);
server.stdout.pipe(logFile);
server.stderr.pipe(logFile);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill("SIGTERM"));
server.on("exit", (code) => process.exit(code ?? 0));
