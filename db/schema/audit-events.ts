import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { newestFirst, timestamps } from "./columns";
import { actorTypeEnum } from "./enums";
import { tenantColumns } from "./organizations";

export const auditEvents = pgTable(
  "audit_events",
  {
    ...tenantColumns(),
    actorType: actorTypeEnum("actor_type").notNull(),
    // A user's public id, an API key's key_id, or a job name: never an internal id.
    actorId: text("actor_id"),
    // Human label at the time of the action (an email or key name).
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetPublicId: uuid("target_public_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    index("audit_events_org_created_idx").on(t.organizationId, ...newestFirst(t)),
    index("audit_events_org_target_idx").on(
      t.organizationId,
      t.targetPublicId,
      t.createdAt.desc().nullsFirst(),
    ),
  ],
);
