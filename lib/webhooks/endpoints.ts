import { db } from "@/db";
import {
  deleteWebhookEndpoint,
  insertWebhookEndpoint,
  listRecentDeliveries,
  listWebhookEndpoints,
  type WebhookEndpointView,
} from "@/db/queries/webhooks";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";
import type { CreateWebhookEndpointInput } from "@/lib/validations/webhook";
import { type QueuedWebhook, queueWebhookEvent } from "./queue-event";
import { generateWebhookSecret } from "./sign";
import { assertSavableWebhookUrl } from "./target";

/** Creates an endpoint; the secret is returned this once (the page shows it, then it is gone). */
export async function createWebhookEndpoint(args: {
  organizationId: number;
  actor: Actor;
  input: CreateWebhookEndpointInput;
}): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  await assertSavableWebhookUrl(args.input.url); // DNS, so before the transaction
  const secret = generateWebhookSecret();
  const endpoint = await unitOfWork(args, async ({ tx, audit }) => {
    const created = await insertWebhookEndpoint(tx, {
      organizationId: args.organizationId,
      url: args.input.url,
      description: args.input.description || null,
      secret,
      events: args.input.events,
    });
    await audit("webhook_endpoint.created", created.publicId, { url: created.url, events: created.events });
    return created;
  });
  return { endpoint, secret };
}

export async function removeWebhookEndpoint(args: {
  organizationId: number;
  actor: Actor;
  publicId: string;
}) {
  await unitOfWork(args, async ({ tx, audit }) => {
    const deleted = await deleteWebhookEndpoint(tx, args.organizationId, args.publicId);
    if (!deleted) throw new AppError("not_found", MESSAGES.webhookEndpointNotFound);
    await audit("webhook_endpoint.deleted", args.publicId);
  });
}

/** A `webhook.test` event to one endpoint, delivered (signed, retried, recorded) like any other. */
export async function sendTestWebhook(args: {
  organizationId: number;
  endpointPublicId: string;
}): Promise<QueuedWebhook> {
  const queued = await queueWebhookEvent({
    organizationId: args.organizationId,
    type: "webhook.test",
    data: { message: "This is a test event from YourAgent." },
    endpointPublicId: args.endpointPublicId,
  });
  if (queued.deliveryIds.length === 0) throw new AppError("not_found", MESSAGES.webhookEndpointNotFound);
  return queued;
}

export async function loadWebhooksOverview(organizationId: number) {
  const [endpoints, deliveries] = await Promise.all([
    listWebhookEndpoints(db, organizationId),
    listRecentDeliveries(db, organizationId, 50),
  ]);
  return { endpoints, deliveries };
}
