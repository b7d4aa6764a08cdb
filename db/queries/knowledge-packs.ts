import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { agents, knowledgePacks } from "@/db/schema";

const summaryColumns = {
  id: knowledgePacks.id,
  publicId: knowledgePacks.publicId,
  name: knowledgePacks.name,
  description: knowledgePacks.description,
  language: knowledgePacks.language,
  contentBytes: sql<number>`octet_length(${knowledgePacks.content})`.mapWith(Number),
  createdAt: knowledgePacks.createdAt,
  updatedAt: knowledgePacks.updatedAt,
};

/** Newest first, without the (up to 200 KB) content; with how many agents use each pack. */
export async function listKnowledgePacksForOrganization(
  db: Executor,
  organizationId: number,
  opts: { limit: number; offset: number },
) {
  const rows = await db
    .select({
      ...summaryColumns,
      // Written out with an alias: in a one-table select Drizzle prints columns unqualified, so
      // `${knowledgePacks.id}` inside this subquery would be read as the agent's own id.
      agentCount: sql<number>`(select count(*)::int from agents a
        where a.knowledge_pack_id = knowledge_packs.id and a.organization_id = ${organizationId})`,
    })
    .from(knowledgePacks)
    .where(eq(knowledgePacks.organizationId, organizationId))
    .orderBy(desc(knowledgePacks.createdAt), desc(knowledgePacks.id))
    .limit(opts.limit)
    .offset(opts.offset);
  return rows;
}

export async function countKnowledgePacks(db: Executor, organizationId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(knowledgePacks)
    .where(eq(knowledgePacks.organizationId, organizationId));
  return row?.n ?? 0;
}

export async function findKnowledgePackByPublicId(db: Executor, organizationId: number, publicId: string) {
  const [row] = await db
    .select({ ...summaryColumns, content: knowledgePacks.content })
    .from(knowledgePacks)
    .where(and(eq(knowledgePacks.organizationId, organizationId), eq(knowledgePacks.publicId, publicId)));
  return row;
}

export async function insertKnowledgePack(
  db: Executor,
  values: {
    organizationId: number;
    name: string;
    description: string | null;
    content: string;
    language?: string;
  },
) {
  const [row] = await db
    .insert(knowledgePacks)
    .values(values)
    .returning({ ...summaryColumns, content: knowledgePacks.content });
  return row!;
}

export async function updateKnowledgePackRow(
  db: Executor,
  organizationId: number,
  publicId: string,
  values: Partial<{ name: string; description: string | null; content: string; language: string }>,
) {
  const [row] = await db
    .update(knowledgePacks)
    .set(values)
    .where(and(eq(knowledgePacks.organizationId, organizationId), eq(knowledgePacks.publicId, publicId)))
    .returning({ ...summaryColumns, content: knowledgePacks.content });
  return row;
}

/** Deletes the pack (its sources and chunks with it; agents keep running without knowledge). */
export async function deleteKnowledgePackRow(db: Executor, organizationId: number, publicId: string) {
  const users = await db
    .select({ publicId: agents.publicId })
    .from(agents)
    .innerJoin(knowledgePacks, eq(knowledgePacks.id, agents.knowledgePackId))
    .where(and(eq(knowledgePacks.organizationId, organizationId), eq(knowledgePacks.publicId, publicId)));
  const rows = await db
    .delete(knowledgePacks)
    .where(and(eq(knowledgePacks.organizationId, organizationId), eq(knowledgePacks.publicId, publicId)))
    .returning({ publicId: knowledgePacks.publicId });
  return rows.length > 0 ? { agentPublicIds: users.map((u) => u.publicId) } : undefined;
}
