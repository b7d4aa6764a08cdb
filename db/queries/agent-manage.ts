import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { agents, knowledgePacks, organizations, personas } from "@/db/schema";

// Update and delete side of agents. Tenancy is in every WHERE clause.

/** The fields PATCH compares against, locked so concurrent edits serialize on the row. */
export async function lockAgentForUpdate(db: Executor, organizationId: number, publicId: string) {
  const [row] = await db
    .select({
      id: agents.id,
      publicId: agents.publicId,
      name: agents.name,
      description: agents.description,
      industry: agents.industry,
      personaId: agents.personaId,
      knowledgePackId: agents.knowledgePackId,
      systemPrompt: agents.systemPrompt,
      promptVersion: agents.promptVersion,
      widgetConfig: agents.widgetConfig,
      config: agents.config,
      allowedOrigins: agents.allowedOrigins,
      useOptimizedPrompt: agents.useOptimizedPrompt,
      status: agents.status,
      identityVerification: agents.identityVerification,
      hasIdentitySecret: sql<boolean>`${agents.identitySecretCiphertext} is not null`,
    })
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.publicId, publicId)))
    .for("update");
  return row;
}
export type LockedAgent = NonNullable<Awaited<ReturnType<typeof lockAgentForUpdate>>>;

export async function findPersonaIdByKey(db: Executor, key: string): Promise<number | undefined> {
  const [row] = await db.select({ id: personas.id }).from(personas).where(eq(personas.key, key));
  return row?.id;
}

/** Only this org's packs: another org's pack id finds nothing. */
export async function findKnowledgePackIdInOrganization(
  db: Executor,
  organizationId: number,
  publicId: string,
): Promise<number | undefined> {
  const [row] = await db
    .select({ id: knowledgePacks.id })
    .from(knowledgePacks)
    .where(and(eq(knowledgePacks.organizationId, organizationId), eq(knowledgePacks.publicId, publicId)));
  return row?.id;
}

export async function updateAgentRow(
  db: Executor,
  organizationId: number,
  id: number,
  values: Partial<typeof agents.$inferInsert>,
) {
  await db
    .update(agents)
    .set(values)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.id, id)));
}

export async function deleteAgentRow(db: Executor, organizationId: number, publicId: string) {
  const [row] = await db
    .delete(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.publicId, publicId)))
    .returning({ publicId: agents.publicId, name: agents.name });
  return row;
}

export async function decrementAgentCount(db: Executor, organizationId: number) {
  await db
    .update(organizations)
    .set({ agentCount: sql`greatest(${organizations.agentCount} - 1, 0)` })
    .where(eq(organizations.id, organizationId));
}

/** The org's plan (which models its agents may use). */
export async function findOrganizationPlan(db: Executor, organizationId: number) {
  const [row] = await db
    .select({ plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row?.plan;
}
