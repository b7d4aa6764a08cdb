import { Inngest } from "inngest";
import { getEnv } from "@/lib/env";

// The one Inngest client. Its URLs and keys are resolved lazily by the SDK from the env record we
// hand it, so `configureInngest()` can repoint it (tests switch fake endpoints; the launcher sets
// INNGEST_* after start). Values come from lib/env.ts, the only reader of process.env.
export const inngest = new Inngest({ id: "youragent" });

export function configureInngest(): void {
  const env = getEnv();
  inngest.setEnvVars({
    INNGEST_DEV: env.INNGEST_DEV,
    INNGEST_BASE_URL: env.INNGEST_BASE_URL,
    INNGEST_EVENT_KEY: env.INNGEST_EVENT_KEY,
    INNGEST_SIGNING_KEY: env.INNGEST_SIGNING_KEY,
  });
}

configureInngest();
