import { db } from "@/db";
import { findAgentDoc } from "@/db/queries/agent-api-read";
import type { AgentRow } from "@/db/queries/agent-read";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import { isPublicId } from "@/lib/validations/public-id";

/** One agent of the org by public id; a malformed id names nothing (no query is sent). */
export async function getAgent(organizationId: number, publicId: string): Promise<AgentRow | undefined> {
  if (!isPublicId(publicId)) return undefined;
  return findAgentByPublicId(db, organizationId, publicId.toLowerCase());
}

/** The same agent as the API's public object, as JSON text built by Postgres (agent-api-read.ts). */
export async function getAgentJson(organizationId: number, publicId: string): Promise<string | undefined> {
  if (!isPublicId(publicId)) return undefined;
  return findAgentDoc(organizationId, publicId.toLowerCase());
}
