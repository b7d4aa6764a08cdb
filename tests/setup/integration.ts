import { afterAll } from "vitest";
import { closeDb } from "@/db";
import { stopInvalidationListener } from "@/lib/coherence/invalidation";

process.env.LOG_LEVEL ??= "warn";

afterAll(async () => {
  await stopInvalidationListener();
  await closeDb();
});
