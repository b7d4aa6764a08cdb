import { db } from "@/db";
import { type AttemptOutcome, findDeliveryForAttempt, recordDeliveryAttempt } from "@/db/queries/webhooks";
import { EgressBlocked, EgressFailed, egressFetch } from "@/lib/egress";
import { webhookHeaders } from "./sign";
import { privateTargetsAllowed } from "./target";

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
    const res = await egressFetch(
      delivery.url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "YourAgent-Webhooks/1.0",
          ...webhookHeaders(delivery.secret, delivery.messageId, body),
        },
        body,
      },
      { allowPrivate: privateTargetsAllowed(), timeoutMs: WEBHOOK_TIMEOUT_MS },
    );
    const ok = res.status >= 200 && res.status < 300;
    outcome = ok
      ? { status: "succeeded", responseCode: res.status, error: null }
      : {
          status: "failed",
          responseCode: res.status,
          error: res.redirect
            ? `Endpoint answered ${res.status}; redirects are not followed`
            : `Endpoint answered ${res.status}`,
        };
  } catch (e) {
    // The guard's reasons name the blocked range, never the address a host resolved to.
    const reason = e instanceof EgressBlocked || e instanceof EgressFailed ? e.message : "Request failed";
    outcome = { status: "failed", responseCode: null, error: reason };
    if (e instanceof EgressBlocked) {
      // Recorded like any attempt, but retrying cannot help: the caller stops here.
      return { kind: "blocked", attempt: await recordDeliveryAttempt(db, delivery, outcome), outcome };
    }
  }
  const attempt = await recordDeliveryAttempt(db, delivery, outcome);
  return { kind: "done", attempt, outcome };
}
