import { db } from "@/db";
import { findAgentApiRow } from "@/db/queries/agent-api-read";
import type { AgentRow } from "@/db/queries/agent-read";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import { isPublicId } from "@/lib/validations/public-id";
import { type AgentResource, apiRowToResource } from "./serialize";

/** One agent of the org by public id; a malformed id names nothing (no query is sent). */
export async function getAgent(organizationId: number, publicId: string): Promise<AgentRow | undefined> {
  if (!isPublicId(publicId)) return undefined;
  return findAgentByPublicId(db, organizationId, publicId.toLowerCase());
}

/** The same agent as the API's public object, read the API's cheaper way. */
export async function getAgentResource(
  organizationId: number,
  publicId: string,
): Promise<AgentResource | undefined> {
  if (!isPublicId(publicId)) return undefined;
  const row = await findAgentApiRow(organizationId, publicId.toLowerCase());
  return row && apiRowToResource(row);
}
