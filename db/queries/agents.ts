import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
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

// ---- create side ----------------------------------------------------------------------

/**
 * Locks the org row for the rest of the transaction. Every agent insert and delete takes
 * this lock first, so `agent_count` read here is exact until commit: the plan-limit guard.
 */
export async function lockOrganizationForAgentWrite(db: Executor, organizationId: number) {
  const [row] = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      plan: organizations.plan,
      maxAgents: organizations.maxAgents,
      agentCount: organizations.agentCount,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for("update");
  return row;
}

/** Inside the create's lock: whether a same-key twin committed while this request waited. */
export async function findAgentByIdempotencyKey(db: Executor, organizationId: number, key: string) {
  const [row] = await db
    .select({ publicId: agents.publicId, requestFingerprint: agents.requestFingerprint })
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.idempotencyKey, key)))
    .limit(1);
  return row;
}

export type NewAgentValues = Omit<
  typeof agents.$inferInsert,
  "personaId" | "knowledgePackId" | "organizationId"
> & {
  organizationId: number;
  personaKey: string;
  knowledgePackPublicId: string | null;
};

/**
 * The create's write in ONE statement: the agent insert, the org's agent_count bump and the
 * audit row as data-modifying CTEs. Why: the org row stays locked until commit, so every round
 * trip saved here shortens the time concurrent creates for the same org wait. The caller mints
 * the agent's public id so the audit row needs nothing from the insert. A failed insert (name
 * conflict) fails the whole statement; a knowledge pack that resolves to null is reported by the
 * caller, whose error rolls all three back.
 */
export async function insertAgentWithCountAndAudit(
  db: Executor,
  values: NewAgentValues & { publicId: string },
  audit: NewAuditEvent,
  author: { createdByType: "user" | "api_key" | "system"; createdByName: string },
) {
  const bump = db.$with("bump").as(
    db
      .update(organizations)
      .set({ agentCount: sql`${organizations.agentCount} + 1` })
      .where(eq(organizations.id, values.organizationId))
      .returning({ id: organizations.id }),
  );
  const logged = db
    .$with("logged")
    .as(db.insert(auditEvents).values(audit).returning({ id: auditEvents.id }));
  const { personaKey, knowledgePackPublicId, ...rest } = values;
  const inserted = db.$with("inserted").as(
    db
      .insert(agents)
      .values({
        ...rest,
        personaId: sql`(select ${personas.id} from ${personas} where ${personas.key} = ${personaKey})`,
        knowledgePackId: knowledgePackPublicId
          ? sql`(select ${knowledgePacks.id} from ${knowledgePacks} where ${knowledgePacks.organizationId} = ${values.organizationId} and ${knowledgePacks.publicId} = ${knowledgePackPublicId})`
          : null,
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
      select ${values.organizationId}::bigint, ${inserted.id}, 1, 'created'::prompt_version_source, ${inserted.systemPrompt}, ${author.createdByType}::actor_type, ${author.createdByName} from ${inserted}
      returning ${sql.identifier(v.id.name)}`,
  );
  // The new agent as every read returns it (AgentRow), persona and pack joined: no read-back.
  const i = inserted;
  const [row] = await db
    .with(bump, logged, inserted, versioned)
    .select({
      ...pickAgentColumns(i),
      knowledgePackId: i.knowledgePackId,
      persona: { key: personas.key, name: personas.name, description: personas.description },
      knowledgePack: { publicId: knowledgePacks.publicId, name: knowledgePacks.name },
    })
    .from(inserted)
    .innerJoin(personas, eq(personas.id, inserted.personaId))
    .leftJoin(knowledgePacks, eq(knowledgePacks.id, inserted.knowledgePackId));
  return row!;
}
