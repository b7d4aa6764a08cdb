import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { agentPromptVersions, agents } from "@/db/schema";

export type NewPromptVersion = {
  organizationId: number;
  agentId: number;
  source: "created" | "edited" | "optimized" | "restored";
  systemPrompt: string;
  rationale?: string | null;
  createdByType: "user" | "api_key" | "system";
  createdByName: string;
  restoredFromVersion?: number | null;
  idempotencyKey?: string | null;
  requestFingerprint?: string | null;
  evalRunId?: number | null;
  evalSuiteId?: string | null;
  evalScore?: number | null;
  evalPassed?: boolean | null;
};

/**
 * Appends the agent's next version. The caller holds the agent row (locked or just written) in
 * the same transaction, so two writers cannot pick the same number; the unique index backs it.
 */
export async function insertPromptVersion(tx: Executor, v: NewPromptVersion) {
  const [row] = await tx
    .insert(agentPromptVersions)
    .values({
      ...v,
      version: sql`(select coalesce(max(${agentPromptVersions.version}), 0) + 1 from ${agentPromptVersions} where ${agentPromptVersions.agentId} = ${v.agentId})`,
    })
    .returning();
  return row!;
}

export type PromptVersionRow = typeof agentPromptVersions.$inferSelect;

/** The agent's internal id in this org, or undefined (another org's agent is not found). */
export async function findAgentIdInOrganization(db: Executor, organizationId: number, publicId: string) {
  const [row] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.publicId, publicId)));
  return row?.id;
}

/** Newest first, `limit + 1` rows so the caller knows whether there is more. */
export async function listPromptVersions(
  db: Executor,
  agentId: number,
  opts: { limit: number; before?: number },
): Promise<PromptVersionRow[]> {
  return db
    .select()
    .from(agentPromptVersions)
    .where(
      and(
        eq(agentPromptVersions.agentId, agentId),
        opts.before === undefined ? undefined : lt(agentPromptVersions.version, opts.before),
      ),
    )
    .orderBy(desc(agentPromptVersions.version))
    .limit(opts.limit + 1);
}

/** One version row of an agent, picked by `match` (its number, or the key of the restore that wrote it). */
async function findAgentVersion(db: Executor, agentId: number, match: SQL) {
  const [row] = await db
    .select()
    .from(agentPromptVersions)
    .where(and(eq(agentPromptVersions.agentId, agentId), match));
  return row;
}

export const findPromptVersion = (db: Executor, agentId: number, version: number) =>
  findAgentVersion(db, agentId, eq(agentPromptVersions.version, version));

export const findPromptVersionByIdempotencyKey = (db: Executor, agentId: number, key: string) =>
  findAgentVersion(db, agentId, eq(agentPromptVersions.idempotencyKey, key));
