import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { type EmbeddedHandle, freePort, startEmbeddedPostgres } from "../../../db/embedded";
import { runMigrations } from "../../../db/migrate";
import * as schema from "../../../db/schema";
import { syncPersonas } from "../../../db/seed";
import { generateApiKey } from "../../../lib/api-keys/format";

// A second production server (scripts/serve.ts, the `npm start` entry) from the build the e2e
// run already made, on a Postgres this spec owns, so it can be stopped, restarted and SIGTERMed
// without touching the main e2e server. Its output goes to test-results/logs/ for the log check.
export type FaultDb = {
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  destroy: () => Promise<void>;
};

export async function startFaultDb(): Promise<FaultDb> {
  const dir = mkdtempSync(path.join(tmpdir(), "youragent-e2e-fault-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  let handle: EmbeddedHandle | undefined = await startEmbeddedPostgres(dir, { preferredPort: port });
  const url = handle.url;
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
      if (handle.url !== url) throw new Error(`restarted on another port: ${handle.url}`);
    },
    destroy: async () => {
      await handle?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An org (limit `maxAgents`) and an API key for it, straight in the database. */
export async function seedOrgWithKey(url: string, maxAgents: number) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const slug = `fault-${Math.random().toString(36).slice(2, 10)}`;
  const [org] = await sql<{ id: string }[]>`
    insert into organizations (slug, name, plan, max_agents) values (${slug}, ${slug}, 'pro', ${maxAgents})
    returning id`;
  const k = generateApiKey();
  await sql`insert into api_keys (organization_id, name, key_id, secret_hash, scopes)
            values (${org!.id}, 'fault', ${k.keyId}, ${k.secretHash}, ${["agents:read", "agents:write"]})`;
  await sql.end();
  return { orgId: Number(org!.id), slug, key: k.key };
}

export type FaultServer = {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
};

export async function startFaultServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<FaultServer> {
  const port = await freePort();
  mkdirSync("test-results/logs", { recursive: true });
  const logFile = createWriteStream(`test-results/logs/fault-server-${port}.log`);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      APP_URL: `http://localhost:${port}`,
      AUTH_SECRET: "fault-secret-fault-secret-fault-secret-01",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      LOG_LEVEL: "info",
      GEMINI_API_KEY: "",
      // The fault load is hundreds of requests a second from one key: not what this tests.
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      ...env,
    },
  });
  let out = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      logFile.write(chunk);
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      logFile.end();
      resolve(code);
    }),
  );
  const url = `http://localhost:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`fault server exited early:\n${out}`);
    if (Date.now() > until) throw new Error(`fault server not healthy in 60 s:\n${out}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, output: () => out, exited };
}
