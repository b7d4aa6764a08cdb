import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { type EmbeddedHandle, startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { type DemoLogin, seedDemo, syncPersonas } from "@/db/seed";
import { getEnv, resetEnvCache } from "@/lib/env";

// Shared by `npm run dev`, `npm start` and the test/bench launchers: database up,
// migrations applied, seed present, secrets in place. Scripts may read process.env.
export type Runtime = { databaseUrl: string; embedded?: EmbeddedHandle; demoLogin?: DemoLogin };

function log(msg: string) {
  process.stderr.write(`[youragent] ${msg}\n`);
}

function ensureSecret(name: "AUTH_SECRET", dataDir: string, allowGenerate: boolean) {
  if (process.env[name]) return;
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) {
    process.env[name] = readFileSync(file, "utf8").trim();
    return;
  }
  if (!allowGenerate) {
    throw new Error(
      `${name} is required with an external DATABASE_URL (generate one: openssl rand -base64 32)`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  process.env[name] = secret;
  log(`generated ${name} and kept it in ${file}`);
}

export async function prepareRuntime(opts: { dev: boolean }): Promise<Runtime> {
  const env = getEnv();
  const dataDir = path.resolve(env.YOURAGENT_DATA_DIR);
  let embedded: EmbeddedHandle | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(dataDir, { log });
    databaseUrl = embedded.url;
    process.env.DATABASE_URL = databaseUrl;
    log(`${embedded.owned ? "started" : "joined"} embedded Postgres (data in ${path.join(dataDir, "pg")})`);
  }
  // Locally (embedded database or dev) a secret is generated and kept; a real deployment must set one.
  ensureSecret("AUTH_SECRET", dataDir, opts.dev || Boolean(embedded));
  process.env.AUTH_TRUST_HOST ??= "true";
  resetEnvCache();

  await runMigrations(databaseUrl);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let demoLogin: DemoLogin | undefined;
  try {
    const db = drizzle(sql, { schema });
    await syncPersonas(db);
    if (embedded || process.env.SEED_DEMO === "1") {
      demoLogin = await seedDemo(db);
      const loginFile = path.join(dataDir, "demo-login.json");
      if (demoLogin.created) {
        await seedFirstStartContent(demoLogin.organizationId!);
        mkdirSync(dataDir, { recursive: true });
        writeFileSync(loginFile, JSON.stringify({ email: demoLogin.email, password: demoLogin.password }), {
          mode: 0o600,
        });
      } else if (existsSync(loginFile)) {
        demoLogin = { ...JSON.parse(readFileSync(loginFile, "utf8")), created: false };
      }
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  return { databaseUrl, embedded, demoLogin };
}

// The use cases run on the app's own database client (DATABASE_URL is set above); a launcher
// that is not the server closes it (the server keeps it: one client per process).
async function seedFirstStartContent(organizationId: number) {
  const { seedDemoContent } = await import("@/lib/demo/seed-content");
  await seedDemoContent(organizationId);
  log("seeded the demo knowledge packs (searchable) and the agent “Acme Support”");
}

export function printLogin(rt: Runtime, url: string) {
  if (!rt.demoLogin) return;
  log(`dashboard: ${url}`);
  log(`demo login: ${rt.demoLogin.email} / ${rt.demoLogin.password}`);
}
