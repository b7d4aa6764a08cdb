import { and, desc, eq, gt, lt, type SQLWrapper, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { runNamed } from "./prepared-cache";

// Endpoint reads never select the secret except for signing (findDeliveryForAttempt).
const endpointColumns = {
  publicId: webhookEndpoints.publicId,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  enabled: webhookEndpoints.enabled,
  createdAt: webhookEndpoints.createdAt,
};

export type WebhookEndpointView = {
  publicId: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  createdAt: Date;
};

export async function insertWebhookEndpoint(
  db: Executor,
  values: {
    organizationId: number;
    url: string;
    description: string | null;
    secret: string;
    events: string[];
  },
): Promise<WebhookEndpointView> {
  const [row] = await db.insert(webhookEndpoints).values(values).returning(endpointColumns);
  return row!;
}

export async function listWebhookEndpoints(
  db: Executor,
  organizationId: number,
): Promise<WebhookEndpointView[]> {
  return db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organizationId, organizationId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

export async function deleteWebhookEndpoint(db: Executor, organizationId: number, publicId: string) {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, organizationId), eq(webhookEndpoints.publicId, publicId)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

// One statement whatever the number of endpoints, as fixed text so it runs as a named statement:
// it follows every agent create, and building it per call (and the unnamed statement's extra
// describe round trip) cost more than the insert. `$5` names one endpoint (test events); null
// means every enabled endpoint subscribed to the type. Tenancy: the endpoint's organization.
const QUEUE_DELIVERIES = `insert into webhook_deliveries (endpoint_id, message_id, event_type, payload)
  select e.id, $2::text, $3::text, $4::text::jsonb from webhook_endpoints e
  where e.organization_id = $1 and case when $5::uuid is null then e.enabled and $3::text = any(e.events)
    else e.public_id = $5::uuid end
  returning public_id`;

/**
 * Queues one delivery row per enabled endpoint of the org subscribed to the type (or the one named
 * endpoint, for test events), in a single INSERT … SELECT. Returns the new delivery ids.
 */
export async function queueWebhookDeliveries(
  db: Executor,
  args: {
    organizationId: number;
    eventType: string;
    messageId: string;
    payload: Record<string, unknown>;
    endpointPublicId?: string;
  },
): Promise<string[]> {
  const rows = await runNamed<{ public_id: string }>(db, QUEUE_DELIVERIES, [
    args.organizationId,
    args.messageId,
    args.eventType,
    JSON.stringify(args.payload),
    args.endpointPublicId ?? null,
  ]);
  return rows.map((r) => r.public_id);
}

/**
 * The same delivery rows (every enabled endpoint of the org subscribed to the type) as a fragment
 * for a writer's own statement: the agent create's. Why: the rows then commit or roll back with
 * the change they report, and the create saves the statement (and round trip) after commit; only
 * the hand-off of their ids is left for then. Tenancy: the endpoint's organization.
 */
export function subscribedDeliveriesInsert(p: {
  organizationId: SQLWrapper;
  eventType: SQLWrapper;
  messageId: SQLWrapper;
  payloadJson: SQLWrapper;
}) {
  return sql`insert into webhook_deliveries (endpoint_id, message_id, event_type, payload)
    select e.id, ${p.messageId}::text, ${p.eventType}::text, ${p.payloadJson}::text::jsonb from webhook_endpoints e
    where e.organization_id = ${p.organizationId} and e.enabled and ${p.eventType}::text = any(e.events)
    returning public_id`;
}

/** Everything an attempt needs, including the secret to sign with. Tenancy via the endpoint's org. */
export async function findDeliveryForAttempt(db: Executor, organizationId: number, deliveryPublicId: string) {
  const [row] = await db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      messageId: webhookDeliveries.messageId,
      eventType: webhookDeliveries.eventType,
      payload: webhookDeliveries.payload,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
      enabled: webhookEndpoints.enabled,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookEndpoints.organizationId, organizationId),
        eq(webhookDeliveries.publicId, deliveryPublicId),
      ),
    );
  return row;
}

export type AttemptOutcome = {
  status: "succeeded" | "failed";
  responseCode: number | null;
  error: string | null;
};

/**
 * One row per attempt: the queued row records attempt 1; each retry adds a row with the same
 * message id (the `webhook-id` receivers dedupe on) and the next attempt number.
 */
export async function recordDeliveryAttempt(
  db: Executor,
  delivery: {
    id: number;
    endpointId: number;
    messageId: string;
    eventType: string;
    payload: Record<string, unknown>;
  },
  outcome: AttemptOutcome,
): Promise<number> {
  const values = {
    status: outcome.status,
    responseCode: outcome.responseCode,
    lastError: outcome.error,
    deliveredAt: outcome.status === "succeeded" ? new Date() : null,
  };
  const [first] = await db
    .update(webhookDeliveries)
    .set({ ...values, attempts: 1 })
    .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, 0)))
    .returning({ attempts: webhookDeliveries.attempts });
  if (first) return 1;
  const [next] = await db
    .insert(webhookDeliveries)
    .values({
      endpointId: delivery.endpointId,
      messageId: delivery.messageId,
      eventType: delivery.eventType,
      payload: delivery.payload,
      ...values,
      attempts: sql`(select coalesce(max(${webhookDeliveries.attempts}), 0) + 1 from ${webhookDeliveries}
        where ${webhookDeliveries.endpointId} = ${delivery.endpointId} and ${webhookDeliveries.messageId} = ${delivery.messageId})`,
    })
    .returning({ attempts: webhookDeliveries.attempts });
  return next!.attempts;
}

export async function listRecentDeliveries(db: Executor, organizationId: number, limit = 50) {
  return db
    .select({
      publicId: webhookDeliveries.publicId,
      messageId: webhookDeliveries.messageId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempt: webhookDeliveries.attempts,
      responseCode: webhookDeliveries.responseCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      endpointUrl: webhookEndpoints.url,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookEndpoints.organizationId, organizationId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

/** Queued rows whose hand-off to Inngest may have been lost (never attempted, past the grace period). */
export async function listUnsentDeliveries(
  db: Executor,
  opts: { olderThan: Date; limit: number; organizationId?: number },
) {
  return db
    .select({ publicId: webhookDeliveries.publicId, organizationId: webhookEndpoints.organizationId })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        eq(webhookDeliveries.attempts, 0),
        opts.organizationId === undefined
          ? undefined
          : eq(webhookEndpoints.organizationId, opts.organizationId),
        lt(webhookDeliveries.createdAt, sql`${opts.olderThan.toISOString()}::timestamptz`),
        // Inngest dedupes event ids for 24 h; older rows are not re-sent (they would run twice).
        gt(webhookDeliveries.createdAt, sql`now() - interval '23 hours'`),
      ),
    )
    .limit(opts.limit);
}
