import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { closeDb } from "@/db";
import { stopInvalidationListener } from "@/lib/coherence/invalidation";
import { snapshotEnv } from "@/tests/fixtures/env";

process.env.LOG_LEVEL ??= "warn";

// Hooks here run before the file's own before-hooks and after its after-hooks, so whatever a file
// or a test sets with fakeEnv is undone when it ends.
let restoreFileEnv: () => void;
let restoreTestEnv: () => void;
beforeAll(() => {
  restoreFileEnv = snapshotEnv();
});
beforeEach(() => {
  restoreTestEnv = snapshotEnv();
});
afterEach(() => {
  restoreTestEnv();
});

afterAll(async () => {
  await stopInvalidationListener();
  await closeDb();
  restoreFileEnv();
});
