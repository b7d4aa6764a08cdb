import { db } from "@/db";
import type { AgentRow } from "@/db/queries/agent-read";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import { isPublicId } from "@/lib/validations/public-id";

/** One agent of the org by public id; a malformed id names nothing (no query is sent). */
export async function getAgent(organizationId: number, publicId: string): Promise<AgentRow | undefined> {
  if (!isPublicId(publicId)) return undefined;
  return findAgentByPublicId(db, organizationId, publicId.toLowerCase());
}
