import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { fk, newestFirst, timestamps } from "./columns";
import { agentStatusEnum, identityVerificationEnum, optimizationStatusEnum } from "./enums";
import { knowledgePacks } from "./knowledge-packs";
import { tenantColumns } from "./organizations";
import { personas } from "./personas";
import { users } from "./users";

export const agents = pgTable(
  "agents",
  {
    ...tenantColumns(),
    createdByUserId: fk("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdByApiKeyId: fk("created_by_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    description: text("description"),
    industry: text("industry"),
    personaId: fk("persona_id")
      .notNull()
      .references(() => personas.id),
    knowledgePackId: fk("knowledge_pack_id").references(() => knowledgePacks.id, { onDelete: "set null" }),
    systemPrompt: text("system_prompt").notNull(),
    optimizedSystemPrompt: text("optimized_system_prompt"),
    useOptimizedPrompt: boolean("use_optimized_prompt").notNull().default(true),
    // Bumps on every prompt edit; an optimization result is saved only for the version it was made from.
    promptVersion: integer("prompt_version").notNull().default(1),
    optimizationStatus: optimizationStatusEnum("optimization_status").notNull().default("not_requested"),
    optimizationError: text("optimization_error"),
    optimizationRationale: text("optimization_rationale"),
    optimizationMetadata: jsonb("optimization_metadata").$type<Record<string, unknown>>(),
    optimizationRequestedAt: timestamp("optimization_requested_at", { withTimezone: true }),
    optimizationEventSentAt: timestamp("optimization_event_sent_at", { withTimezone: true }),
    optimizationUpdatedAt: timestamp("optimization_updated_at", { withTimezone: true }),
    widgetConfig: jsonb("widget_config").$type<Record<string, unknown>>().notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
    status: agentStatusEnum("status").notNull().default("active"),
    // Visitor identity: whether the widget takes a site-signed token, and the HS256 secret that
    // verifies it, AES-GCM encrypted under the app's secret (HMAC needs the secret itself, so a
    // one-way hash cannot work; a database read alone cannot forge tokens).
    identityVerification: identityVerificationEnum("identity_verification").notNull().default("off"),
    identitySecretCiphertext: text("identity_secret_ciphertext"),
    idempotencyKey: text("idempotency_key"),
    requestFingerprint: text("request_fingerprint"),
    // The API's agent object as JSON text around its persona and knowledge pack, written by the
    // agents_api_doc trigger (drizzle/0018_agent-api-doc.sql) on every insert and update, never by
    // the app: a list page then concatenates stored text instead of formatting ~20 values per row.
    apiDocHead: text("api_doc_head"),
    apiDocTail: text("api_doc_tail"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("agents_org_name_unique").on(t.organizationId, sql`lower(${t.name})`),
    uniqueIndex("agents_org_idempotency_key_unique")
      .on(t.organizationId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // The list order: newest first, id as the tie-breaker for keyset cursors.
    index("agents_org_created_idx").on(t.organizationId, ...newestFirst(t)),
    index("agents_optimization_outbox_idx")
      .on(t.optimizationRequestedAt)
      .where(sql`${t.optimizationStatus} = 'pending' and ${t.optimizationEventSentAt} is null`),
    index("agents_persona_idx").on(t.personaId),
    index("agents_knowledge_pack_idx").on(t.knowledgePackId),
  ],
);

/** The owning agent of a child row; the row goes when the agent does. */
export const agentRef = () =>
  fk("agent_id")
    .notNull()
    .references(() => agents.id, { onDelete: "cascade" });
