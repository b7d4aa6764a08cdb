import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { idColumns, newestFirst, ownedBy, timestamps } from "./columns";
import { deliveryStatusEnum } from "./enums";
import { tenantColumns } from "./organizations";

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    ...tenantColumns(),
    url: text("url").notNull(),
    description: text("description"),
    // Standard Webhooks secret (whsec_…); needed in clear to sign, shown to the admin once.
    secret: text("secret").notNull(),
    events: text("events").array().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    ...timestamps,
  },
  (t) => [index("webhook_endpoints_org_idx").on(t.organizationId, t.createdAt.desc().nullsFirst())],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    ...idColumns(),
    endpointId: ownedBy("endpoint_id", () => webhookEndpoints.id),
    // The `webhook-id` header: stable across retries of the same message.
    messageId: text("message_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: deliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    responseCode: integer("response_code"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("webhook_deliveries_endpoint_idx").on(t.endpointId, ...newestFirst(t))],
);
