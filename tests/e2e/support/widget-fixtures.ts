import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import path from "node:path";
import postgres from "postgres";
import { findRunningEmbeddedUrl } from "../../../db/embedded";
import { generateApiKey } from "../../../lib/api-keys/format";

// Setup for the widget e2e: an organization and an API key written straight into the e2e
// server's embedded Postgres (as the test factories do), then everything else through the
// real HTTP API. Host pages for the cross-origin checks are served by a tiny node:http server.
export function e2eDatabaseUrl(): string {
  const port = process.env.E2E_PORT ?? "3100";
  const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? `.data-e2e-${port}`);
  const url = findRunningEmbeddedUrl(dataDir);
  if (!url) throw new Error(`The e2e server's Postgres is not running in ${dataDir}`);
  return url;
}

/** An API key for an existing organization (inserted as the test factories do). */
export async function createApiKeyFor(orgId: number): Promise<string> {
  const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const k = generateApiKey();
    await sql`
      insert into api_keys (organization_id, name, key_id, secret_hash, scopes)
      values (${orgId}, 'widget e2e', ${k.keyId}, ${k.secretHash}, ${["agents:read", "agents:write"]})`;
    return k.key;
  } finally {
    await sql.end();
  }
}

export async function createOrgWithApiKey(): Promise<{ slug: string; key: string }> {
  const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const slug = `widget-${randomUUID().slice(0, 8)}`;
    const [org] = await sql<{ id: number }[]>`
      insert into organizations (slug, name, plan) values (${slug}, ${`Widget ${slug}`}, 'pro') returning id`;
    const k = generateApiKey();
    await sql`
      insert into api_keys (organization_id, name, key_id, secret_hash, scopes)
      values (${org!.id}, 'widget e2e', ${k.keyId}, ${k.secretHash}, ${["agents:read", "agents:write"]})`;
    return { slug, key: k.key };
  } finally {
    await sql.end();
  }
}

/** Serves `html(path)` on 127.0.0.1:port. */
export async function serveHostPage(port: number, html: (path: string) => string): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html(req.url ?? "/"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}

export function hostPage(title: string, snippet: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:sans-serif;background:#f1f5f9;margin:0;padding:24px">
<h1>${title}</h1><p>A customer's website with the YourAgent snippet pasted in.</p>
${snippet}
</body></html>`;
}
