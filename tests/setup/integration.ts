import { afterAll } from "vitest";
import { closeDb } from "@/db";

process.env.LOG_LEVEL ??= "warn";

afterAll(async () => {
  await closeDb();
});
