import { db } from "@/db";
import { findAgentIdInOrganization, listPromptVersions } from "@/db/queries/prompt-versions";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import type { ListPromptVersionsQuery } from "@/lib/validations/prompt-versions";
import { toPromptVersionResource } from "./serialize";

/** One page of an agent's versions, newest first; two statements whatever the page size. */
export async function listPromptVersionsPage(
  organizationId: number,
  agentPublicId: string,
  query: ListPromptVersionsQuery,
) {
  const agentId = await findAgentIdInOrganization(db, organizationId, agentPublicId);
  if (agentId === undefined) throw new AppError("not_found", MESSAGES.agentNotFound);
  const rows = await listPromptVersions(db, agentId, { limit: query.limit, before: query.cursor });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return {
    object: "list" as const,
    data: page.map(toPromptVersionResource),
    pagination: {
      limit: query.limit,
      has_more: hasMore,
      next_cursor: hasMore ? String(page.at(-1)!.version) : null,
    },
  };
}
