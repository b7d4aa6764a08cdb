import { deliverWebhook } from "./deliver-webhook";
import { flushOptimizationOutbox } from "./flush-optimization-outbox";
import { optimizePrompt } from "./optimize-prompt";

/** Everything app/api/inngest serves. */
export const inngestFunctions = [optimizePrompt, flushOptimizationOutbox, deliverWebhook];
