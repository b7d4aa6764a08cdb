import { db } from "@/db";
import { type AttemptOutcome, findDeliveryForAttempt, recordDeliveryAttempt } from "@/db/queries/webhooks";
import { webhookHeaders } from "./sign";
import { assertPublicTarget, BlockedWebhookTarget } from "./target";

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type AttemptResult =
  | { kind: "missing" }
  | { kind: "disabled" }
  | { kind: "blocked"; attempt: number; outcome: AttemptOutcome }
  | { kind: "done"; attempt: number; outcome: AttemptOutcome };

/**
 * One signed POST to the endpoint, recorded as one webhook_deliveries row (status + response
 * code). The caller decides about retrying: anything but a 2xx is a failed attempt.
 */
export async function attemptWebhookDelivery(
  organizationId: number,
  deliveryPublicId: string,
): Promise<AttemptResult> {
  const delivery = await findDeliveryForAttempt(db, organizationId, deliveryPublicId);
  if (!delivery) return { kind: "missing" };
  if (!delivery.enabled) return { kind: "disabled" };
  const body = JSON.stringify(delivery.payload);
  let outcome: AttemptOutcome;
  try {
    await assertPublicTarget(delivery.url);
  } catch (e) {
    // Recorded like any attempt, but retrying cannot help: the caller stops here.
    const reason =
      e instanceof BlockedWebhookTarget
        ? e.message
        : `Cannot resolve the endpoint host: ${(e as Error).message}`;
    outcome = { status: "failed", responseCode: null, error: reason };
    if (e instanceof BlockedWebhookTarget) {
      return { kind: "blocked", attempt: await recordDeliveryAttempt(db, delivery, outcome), outcome };
    }
    return { kind: "done", attempt: await recordDeliveryAttempt(db, delivery, outcome), outcome };
  }
  try {
    const res = await fetch(delivery.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "YourAgent-Webhooks/1.0",
        ...webhookHeaders(delivery.secret, delivery.messageId, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    // The body does not matter and may be large: release the connection without reading it.
    await res.body?.cancel().catch(() => undefined);
    outcome = res.ok
      ? { status: "succeeded", responseCode: res.status, error: null }
      : { status: "failed", responseCode: res.status, error: `Endpoint answered ${res.status}` };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const timedOut = err.name === "TimeoutError" || err.name === "AbortError";
    outcome = {
      status: "failed",
      responseCode: null,
      error: timedOut ? `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : `Request failed: ${err.message}`,
    };
  }
  const attempt = await recordDeliveryAttempt(db, delivery, outcome);
  return { kind: "done", attempt, outcome };
}
