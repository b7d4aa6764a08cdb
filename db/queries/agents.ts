import { and, eq, sql } from "drizzle-orm";
import { type Executor, db as rootDb } from "@/db";
import {
  agentPromptVersions,
  agents,
  auditEvents,
  knowledgePacks,
  organizations,
  personas,
} from "@/db/schema";
import { pickAgentColumns } from "./agent-read";
import type { NewAuditEvent } from "./audit-events";
import { onExecutor, preparedFor } from "./prepared-cache";
import { subscribedDeliveriesInsert } from "./webhooks";

// ---- create side ----------------------------------------------------------------------

// The create transaction's statements are built once per database client with placeholders and
// run on the transaction's connection (onExecutor). Why: building them (the insert CTE above all)
// cost the server more CPU on every create than the rest of the request.

function buildCreateStatements(db: Executor) {
  const org = sql.placeholder("org");
  const lock = db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      plan: organizations.plan,
      maxAgents: organizations.maxAgents,
      agentCount: organizations.agentCount,
    })
    .from(organizations)
    .where(eq(organizations.id, org))
    .for("update")
    .prepare("agent_write_lock");
  const twin = db
    .select({ publicId: agents.publicId, requestFingerprint: agents.requestFingerprint })
    .from(agents)
    .where(and(eq(agents.organizationId, org), eq(agents.idempotencyKey, sql.placeholder("key"))))
    .limit(1)
    .prepare("agent_twin_by_key");
  return { lock, twin, insert: insertStatement(db, org) };
}

function createStatements() {
  const built = preparedFor(rootDb, buildCreateStatements);
  if (!built) throw new Error("the create statements need a database client");
  return built;
}

/**
 * Locks the org row for the rest of the transaction (an agent delete). The create's one
 * statement takes the same row lock with its bump, so the two never interleave on agent_count.
 */
export async function lockOrganizationForAgentWrite(db: Executor, organizationId: number) {
  const [row] = await onExecutor(createStatements().lock, db).execute({ org: organizationId });
  return row;
}

/** Why a create's guard refused: the org's plan and count, and whether the named pack is the org's. */
export async function readOrganizationForCreate(
  db: Executor,
  organizationId: number,
  packPublicId: string | null,
) {
  const [row] = await db
    .select({
      slug: organizations.slug,
      plan: organizations.plan,
      maxAgents: organizations.maxAgents,
      agentCount: organizations.agentCount,
      packFound: sql<boolean>`exists (select 1 from knowledge_packs kp where kp.organization_id = ${organizationId} and kp.public_id = ${packPublicId}::uuid)`,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row;
}

/** A same-key twin of a create (after its statement tripped the key's unique index, say). */
export async function findAgentByIdempotencyKey(db: Executor, organizationId: number, key: string) {
  const [row] = await onExecutor(createStatements().twin, db).execute({ org: organizationId, key });
  return row;
}

/** Every column the create writes, each present (null where absent), so one statement serves all. */
export type NewAgentValues = {
  publicId: string;
  organizationId: number;
  createdByUserId: number | null;
  createdByApiKeyId: number | null;
  name: string;
  description: string | null;
  industry: string | null;
  personaKey: string;
  knowledgePackPublicId: string | null;
  systemPrompt: string;
  widgetConfig: Record<string, unknown>;
  config: Record<string, unknown>;
  allowedOrigins: string[];
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  optimizationStatus: Agent["optimizationStatus"];
  optimizationRequestedAt?: Date | null;
  optimizationError?: string | null;
  optimizationUpdatedAt?: Date | null;
};
type Agent = typeof agents.$inferSelect;

const p = (name: string) => sql.placeholder(name);
// A nullable timestamp as ISO text: the ORM applies a column's encoder to a placeholder's value
// even when it is null, and the timestamp encoder cannot take null.
const maybeTimestamp = (name: string) => sql`${p(name)}::timestamptz`;

/**
 * The whole create in ONE statement, committed on its own (no transaction around it): the org's
 * agent_count bump under its guard, the audit row, the agent, its first prompt version and the
 * `agent.created` webhook deliveries, as data-modifying CTEs. Why: the bump's row lock is held
 * only while Postgres runs the statement, never across a round trip to this server, so
 * concurrent creates for one org wait for each other as briefly as possible; and the request
 * pays one round trip instead of four. The caller mints the agent's public id so the audit row
 * needs nothing from the insert. When the guard refuses, `agent_create_refused()`
 * (drizzle/0017_agent-create-guard.sql) fails the statement, so nothing is written, and the
 * caller reads why; a name conflict fails it the same way.
 */
function insertStatement(db: Executor, org: ReturnType<typeof p>) {
  // The guard: the bump happens only within the plan's limit, for a model the plan offers, a
  // pack of this org and a key not used yet. Postgres re-checks the UPDATE's condition on the
  // newest row after waiting for a concurrent create's lock, so `agent_count` is exact.
  const bump = db.$with("bump").as(
    db
      .update(organizations)
      .set({ agentCount: sql`${organizations.agentCount} + 1` })
      .where(
        and(
          eq(organizations.id, org),
          sql`agent_count < coalesce(max_agents, (${p("planLimits")}::jsonb ->> plan::text)::int)`,
          sql`plan::text = any(${p("plans")}::text[])`,
          sql`(${p("packPublicId")}::uuid is null or exists (select 1 from knowledge_packs kp where kp.organization_id = ${org} and kp.public_id = ${p("packPublicId")}::uuid))`,
          sql`(${p("idempotencyKey")}::text is null or not exists (select 1 from agents twin where twin.organization_id = ${org} and twin.idempotency_key = ${p("idempotencyKey")}::text))`,
        ),
      )
      .returning({ id: organizations.id }),
  );
  // Every row below belongs to the bumped org; no bump (the guard said no) fails the statement.
  const guardedOrg = sql`coalesce((select id from bump), agent_create_refused())`;
  const logged = db.$with("logged").as(
    db
      .insert(auditEvents)
      .values({
        organizationId: guardedOrg,
        actorType: p("actorType"),
        actorId: p("actorId"),
        actorLabel: p("actorLabel"),
        action: p("action"),
        targetPublicId: p("publicId"),
        metadata: p("metadata"),
      })
      .returning({ id: auditEvents.id }),
  );
  const inserted = db.$with("inserted").as(
    db
      .insert(agents)
      .values({
        publicId: p("publicId"),
        organizationId: guardedOrg,
        createdByUserId: p("createdByUserId"),
        createdByApiKeyId: p("createdByApiKeyId"),
        name: p("name"),
        description: p("description"),
        industry: p("industry"),
        personaId: sql`(select ${personas.id} from ${personas} where ${personas.key} = ${p("personaKey")})`,
        knowledgePackId: sql`(select ${knowledgePacks.id} from ${knowledgePacks} where ${knowledgePacks.organizationId} = ${org} and ${knowledgePacks.publicId} = ${p("packPublicId")}::uuid)`,
        systemPrompt: p("systemPrompt"),
        widgetConfig: p("widgetConfig"),
        config: p("config"),
        allowedOrigins: p("allowedOrigins"),
        idempotencyKey: p("idempotencyKey"),
        requestFingerprint: p("requestFingerprint"),
        optimizationStatus: p("optimizationStatus"),
        optimizationRequestedAt: maybeTimestamp("optimizationRequestedAt"),
        optimizationError: p("optimizationError"),
        optimizationUpdatedAt: maybeTimestamp("optimizationUpdatedAt"),
      })
      .returning({
        ...pickAgentColumns(agents),
        personaId: agents.personaId,
        knowledgePackId: agents.knowledgePackId,
      }),
  );
  // The agent's first prompt version, in the same statement (version 1, source `created`), with
  // its columns named so that columns added to the table later keep their defaults.
  const v = agentPromptVersions;
  const versioned = db.$with("versioned", {}).as(
    sql`insert into ${v} (${sql.identifier(v.organizationId.name)}, ${sql.identifier(v.agentId.name)}, ${sql.identifier(v.version.name)}, ${sql.identifier(v.source.name)}, ${sql.identifier(v.systemPrompt.name)}, ${sql.identifier(v.createdByType.name)}, ${sql.identifier(v.createdByName.name)})
      select ${org}::bigint, ${inserted.id}, 1, 'created'::prompt_version_source, ${inserted.systemPrompt}, ${p("versionByType")}::actor_type, ${p("versionByName")} from ${inserted}
      returning ${sql.identifier(v.id.name)}`,
  );
  // The `agent.created` webhook's delivery rows, one per subscribed endpoint: they commit with
  // the agent (a crash after commit leaves them to the outbox) and roll back with it.
  const hooked = db.$with("hooked", {}).as(
    subscribedDeliveriesInsert({
      organizationId: org,
      eventType: p("hookType"),
      messageId: p("hookMessageId"),
      payloadJson: p("hookPayload"),
    }),
  );
  // The new agent as every read returns it (AgentRow), persona and pack joined: no read-back.
  const i = inserted;
  return db
    .with(bump, logged, inserted, versioned, hooked)
    .select({
      ...pickAgentColumns(i),
      knowledgePackId: i.knowledgePackId,
      deliveryIds: sql<string[]>`(select coalesce(array_agg(public_id::text), '{}'::text[]) from ${hooked})`,
      persona: { key: personas.key, name: personas.name, description: personas.description },
      knowledgePack: { publicId: knowledgePacks.publicId, name: knowledgePacks.name },
    })
    .from(inserted)
    .innerJoin(personas, eq(personas.id, inserted.personaId))
    .leftJoin(knowledgePacks, eq(knowledgePacks.id, inserted.knowledgePackId))
    .prepare("agent_create");
}

/** What the statement's guard checks against: each plan's agent limit (JSON) and the plans that offer the model. */
export type CreateGuard = { planLimits: string; plans: string[] };

/** The create statement; throws when its guard refuses (see isCreateRefused) or on a name conflict. */
export async function insertAgentWithCountAndAudit(
  db: Executor,
  values: NewAgentValues,
  audit: Pick<NewAuditEvent, "actorType" | "actorId" | "actorLabel" | "action"> & {
    metadata: Record<string, unknown>;
  },
  author: { createdByType: "user" | "api_key" | "system"; createdByName: string },
  guard: CreateGuard,
  hook: { eventType: string; messageId: string; payload: Record<string, unknown> },
) {
  const [row] = await onExecutor(createStatements().insert, db).execute({
    org: values.organizationId,
    planLimits: guard.planLimits,
    plans: guard.plans,
    publicId: values.publicId,
    createdByUserId: values.createdByUserId,
    createdByApiKeyId: values.createdByApiKeyId,
    name: values.name,
    description: values.description,
    industry: values.industry,
    personaKey: values.personaKey,
    packPublicId: values.knowledgePackPublicId,
    systemPrompt: values.systemPrompt,
    widgetConfig: values.widgetConfig,
    config: values.config,
    allowedOrigins: values.allowedOrigins,
    idempotencyKey: values.idempotencyKey,
    requestFingerprint: values.requestFingerprint,
    optimizationStatus: values.optimizationStatus,
    optimizationRequestedAt: values.optimizationRequestedAt?.toISOString() ?? null,
    optimizationError: values.optimizationError ?? null,
    optimizationUpdatedAt: values.optimizationUpdatedAt?.toISOString() ?? null,
    actorType: audit.actorType,
    actorId: audit.actorId ?? null,
    actorLabel: audit.actorLabel ?? null,
    action: audit.action,
    metadata: audit.metadata,
    versionByType: author.createdByType,
    versionByName: author.createdByName,
    hookType: hook.eventType,
    hookMessageId: hook.messageId,
    hookPayload: JSON.stringify(hook.payload),
  });
  return row!;
}
