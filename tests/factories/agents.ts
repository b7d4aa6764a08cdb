import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { agents, knowledgePacks, organizations } from "@/db/schema";
import { uniqueSuffix } from "./index";

export async function createTestKnowledgePack(org: { id: number }, name = `Pack ${uniqueSuffix()}`) {
  const [row] = await db
    .insert(knowledgePacks)
    .values({ organizationId: org.id, name, description: "test pack", content: "Returns within 30 days." })
    .returning();
  return row!;
}

export async function personaIdByKey(key: string): Promise<number> {
  const rows = await db.query.personas.findMany({ columns: { id: true, key: true } });
  const found = rows.find((p) => p.key === key);
  if (!found) throw new Error(`no persona ${key}`);
  return found.id;
}

/**
 * Inserts `count` agents in ONE statement, so they all share the same created_at (now() is the
 * transaction time) — the worst case for keyset pagination. Keeps organizations.agent_count in step.
 */
export async function insertTestAgents(
  org: { id: number },
  count: number,
  opts: {
    namePrefix?: string;
    personaKey?: string;
    knowledgePackId?: number | null;
    optimizationStatus?: (typeof agents.$inferInsert)["optimizationStatus"];
    optimizedSystemPrompt?: string | null;
  } = {},
) {
  const personaId = await personaIdByKey(opts.personaKey ?? "assistant");
  const prefix = opts.namePrefix ?? `Agent ${uniqueSuffix()}`;
  const values = Array.from({ length: count }, (_, i) => ({
    organizationId: org.id,
    name: `${prefix} ${String(i).padStart(5, "0")}`,
    personaId,
    knowledgePackId: opts.knowledgePackId ?? null,
    systemPrompt: `You are agent ${i}.`,
    optimizedSystemPrompt: opts.optimizedSystemPrompt ?? null,
    optimizationStatus: opts.optimizationStatus ?? "not_requested",
    widgetConfig: { theme: "modern" },
    config: { temperature: 0.7 },
  }));
  const rows = [];
  for (let i = 0; i < values.length; i += 1000) {
    rows.push(
      ...(await db
        .insert(agents)
        .values(values.slice(i, i + 1000))
        .returning({ id: agents.id, publicId: agents.publicId, name: agents.name })),
    );
  }
  await db
    .update(organizations)
    .set({ agentCount: sql`${organizations.agentCount} + ${count}` })
    .where(eq(organizations.id, org.id));
  return rows;
}
