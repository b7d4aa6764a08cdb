import { db } from "@/db";
import { queueWebhookDeliveries } from "@/db/queries/webhooks";
import { runInBackground, settleBackgroundWork } from "@/lib/background-work";
import { safeErrorFields } from "@/lib/http/safe-error";
import { WEBHOOK_DELIVERY_REQUESTED, type WebhookEventType } from "@/lib/inngest/events";
import { sendOrWarn } from "@/lib/inngest/send";
import { log } from "@/lib/logger";
import { newWebhookMessageId } from "./sign";

export type QueuedWebhook = { messageId: string; deliveryIds: string[]; sent: boolean };

/**
 * Records one delivery per subscribed endpoint, then hands each to the deliver-webhook function.
 * Call it after the change it reports has committed. A failed hand-off is logged and left for
 * the outbox flusher (the rows stay `pending` with 0 attempts).
 */
export async function queueWebhookEvent(args: {
  organizationId: number;
  type: WebhookEventType;
  data: Record<string, unknown>;
  endpointPublicId?: string;
}): Promise<QueuedWebhook> {
  const { messageId, payload } = webhookMessage(args.type, args.data);
  const deliveryIds = await queueWebhookDeliveries(db, {
    organizationId: args.organizationId,
    eventType: args.type,
    messageId,
    payload,
    endpointPublicId: args.endpointPublicId,
  });
  const sent = await sendDeliveryEvents(
    deliveryIds.map((id) => ({ organizationId: args.organizationId, deliveryPublicId: id })),
  );
  return { messageId, deliveryIds, sent };
}

/** One event's message id (the `webhook-id`, shared by its endpoints' deliveries) and payload. */
export function webhookMessage(type: WebhookEventType, data: Record<string, unknown>) {
  return {
    messageId: newWebhookMessageId(),
    payload: { type, timestamp: new Date().toISOString(), data },
  };
}

export async function sendDeliveryEvents(
  deliveries: { organizationId: number; deliveryPublicId: string }[],
): Promise<boolean> {
  if (deliveries.length === 0) return true;
  return sendOrWarn(
    deliveries.map((d) => ({
      // Deterministic: a re-send from the outbox is deduplicated by Inngest.
      id: `delivery:${d.deliveryPublicId}`,
      name: WEBHOOK_DELIVERY_REQUESTED,
      data: { organization_id: d.organizationId, delivery_public_id: d.deliveryPublicId },
    })),
    "webhook hand-off failed; the outbox flusher will retry",
    { deliveries: deliveries.length },
  );
}

/** Fire-and-forget form for request paths: never throws, never delays the response. */
export function notifyWebhooks(args: Parameters<typeof queueWebhookEvent>[0]): void {
  runInBackground(() =>
    queueWebhookEvent(args).catch((e) =>
      log("warn", "webhook queueing failed", {
        type: args.type,
        ...safeErrorFields(e),
      }),
    ),
  );
}

/** Fire-and-forget hand-off of deliveries a committed write recorded itself (never throws). */
export function sendDeliveriesInBackground(organizationId: number, deliveryIds: string[]): void {
  if (deliveryIds.length === 0) return;
  runInBackground(() =>
    sendDeliveryEvents(deliveryIds.map((id) => ({ organizationId, deliveryPublicId: id }))),
  );
}

/** Tests wait for notifications still being queued (all background work, in fact). */
export async function settleWebhookNotifications(): Promise<void> {
  await settleBackgroundWork();
}
