import { db } from "@/db";
import { listUnsentDeliveries } from "@/db/queries/webhooks";
import { sendDeliveryEvents } from "./queue-event";

/**
 * The webhook outbox: deliveries recorded but never handed to Inngest (a failed send after
 * commit) are handed off again, with their deterministic ids. Returns how many were re-sent.
 */
export async function resendUnsentDeliveries(opts: {
  olderThan: Date;
  limit: number;
  organizationId?: number;
}): Promise<number> {
  const deliveries = await listUnsentDeliveries(db, opts);
  const sent = await sendDeliveryEvents(deliveries.map((d) => ({ ...d, deliveryPublicId: d.publicId })));
  return sent ? deliveries.length : 0;
}
