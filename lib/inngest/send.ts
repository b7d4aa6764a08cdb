import { safeErrorFields } from "@/lib/http/safe-error";
import { inngest } from "@/lib/inngest/client";
import { log } from "@/lib/logger";

/**
 * Hands events to Inngest after the change they report has committed. A failed send is logged
 * (with `warning` and `fields`) and answered with false instead of thrown: each caller has its own
 * way of re-sending what was lost (a scheduler, an outbox, a sweep), and a request must not fail
 * for it.
 */
export async function sendOrWarn(
  events: Parameters<typeof inngest.send>[0],
  warning: string,
  fields: Record<string, unknown>,
): Promise<boolean> {
  try {
    await inngest.send(events);
    return true;
  } catch (e) {
    log("warn", warning, { ...fields, ...safeErrorFields(e) });
    return false;
  }
}
