import { serve } from "inngest/next";
import { inngest } from "@/lib/inngest/client";
import { inngestFunctions } from "@/lib/inngest/functions";

// The Inngest server (dev server, self-hosted or Cloud) calls back here to run steps.
// Signed requests are verified by the SDK with INNGEST_SIGNING_KEY outside dev mode.
export const { GET, POST, PUT } = serve({ client: inngest, functions: inngestFunctions });
