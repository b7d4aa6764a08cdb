import { spawn } from "node:child_process";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";
import { generateApiKey } from "@/lib/api-keys/format";

// `npx tsx bench/export-http.ts` after bench/export-plans.ts (its seeded .data-exportplans) and
// a build in .next-f: the export through the production server, per format, with the encodings a
// client may ask for. EXPORT_HTTP_PORT (default 3325), EXPORT_HTTP_FORMATS (jsonl,csv),
// EXPORT_HTTP_QUICK=1 (the client's default encoding only); BENCH_CPU_PROF=<dir> profiles the server.
const port = Number(process.env.EXPORT_HTTP_PORT ?? 3325);
const handle = await startEmbeddedPostgres(".data-exportplans");
const sql = postgres(handle.url, { max: 1, onnotice: () => {} });
const [org] = await sql<{ id: string }[]>`select id from organizations where slug = 'export-plans'`;
const k = generateApiKey();
await sql`insert into api_keys (organization_id, name, key_id, secret_hash, scopes)
  values (${org!.id}, 'export-http', ${k.keyId}, ${k.secretHash}, ${["conversations:read"]})`;
const prof = process.env.BENCH_CPU_PROF;
const child = spawn(
  process.execPath,
  [...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : []), "--import", "tsx", "scripts/serve.ts"],
  {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: handle.url,
      APP_URL: `http://localhost:${port}`,
      AUTH_SECRET: "export-http-secret-export-http-secret-01",
      NEXT_DIST_DIR: ".next-f",
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      DB_POOL_MAX: "4",
    },
  },
);
try {
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/api/health`).catch(() => undefined))?.ok) break;
    if (i > 300) throw new Error("server not healthy");
    await new Promise((r) => setTimeout(r, 200));
  }
  const formats = (process.env.EXPORT_HTTP_FORMATS ?? "jsonl,csv").split(",");
  for (const encoding of process.env.EXPORT_HTTP_QUICK === "1" ? [undefined] : [undefined, "identity"]) {
    for (const format of formats) {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/v1/conversations/export?format=${format}`, {
        headers: { authorization: `Bearer ${k.key}`, ...(encoding ? { "accept-encoding": encoding } : {}) },
      });
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      const s = (performance.now() - t0) / 1000;
      process.stdout.write(
        `${format} accept-encoding ${encoding ?? "(fetch default)"} → content-encoding ` +
          `${res.headers.get("content-encoding") ?? "none"}: ${(bytes / 2 ** 20).toFixed(0)} MB in ${s.toFixed(1)} s\n`,
      );
    }
  }
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await sql.end();
  await handle.stop();
}
