import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { freePort, startEmbeddedPostgres } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import * as schema from "../../db/schema";
import { syncPersonas } from "../../db/seed";

// One real Postgres per test run: the embedded one on a free port in a temp dir,
// or TEST_DATABASE_URL when given. Workers inherit DATABASE_URL.
export default async function setup() {
  let url = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  let dir: string | undefined;
  if (!url) {
    dir = mkdtempSync(path.join(tmpdir(), "youragent-test-"));
    // Postgres runs as an unprivileged user when we are root: it must be able to enter the dir.
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres(dir, { preferredPort: await freePort(), persistent: false });
    url = pg.url;
    stop = pg.stop;
  }
  await runMigrations(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await syncPersonas(drizzle(sql, { schema }));
  await sql.end();
  process.env.DATABASE_URL = url;
  return async () => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
