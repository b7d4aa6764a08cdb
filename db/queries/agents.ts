import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { agents } from "@/db/schema";
import { type AgentRow, agentColumns, agentRelations } from "./agent-shape";

/** Tenancy lives in the WHERE clause: another org's id simply finds nothing. */
export async function findAgentByPublicId(
  db: Executor,
  organizationId: number,
  publicId: string,
): Promise<AgentRow | undefined> {
  return db.query.agents.findFirst({
    columns: agentColumns,
    with: agentRelations,
    where: and(eq(agents.organizationId, organizationId), eq(agents.publicId, publicId)),
  });
}
