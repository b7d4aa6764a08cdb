import { prepareDatabase, startPrivatePostgres } from "../fixtures/postgres";

// One real Postgres per test run: a private embedded one, or TEST_DATABASE_URL when given.
// Workers inherit DATABASE_URL.
export default async function setup() {
  const given = process.env.TEST_DATABASE_URL;
  const pg = given ? undefined : await startPrivatePostgres({ persistent: false });
  const url = given ?? pg!.url;
  if (given) await prepareDatabase(given);
  process.env.DATABASE_URL = url;
  return async () => {
    await pg?.destroy();
  };
}
