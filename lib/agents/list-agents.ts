import { db } from "@/db";
import { listAgentsForOrganization } from "@/db/queries/agent-read";
import {
  cursorBinding,
  decodeListCursor,
  encodeListCursor,
  prepareListCursorKey,
} from "@/lib/agents/list-cursor";
import { toAgentResource } from "@/lib/agents/serialize";
import type { ListAgentsQuery } from "@/lib/validations/agent-list";

/** The API's list response: a page of agents and how to get the next one. */
export async function listAgentsPage(organizationId: number, query: ListAgentsQuery) {
  const filters = { q: query.q, persona: query.persona, optimizationStatus: query.optimization_status };
  const binding = cursorBinding(organizationId, {
    q: query.q,
    persona: query.persona,
    optimization_status: query.optimization_status,
  });
  await prepareListCursorKey();
  const after = query.cursor ? decodeListCursor(query.cursor, binding) : undefined;
  const offset = after ? null : (query.offset ?? 0);
  const page = await listAgentsForOrganization(db, organizationId, {
    ...filters,
    limit: query.limit,
    offset: offset ?? undefined,
    after,
  });
  const last = page.rows.at(-1);
  return {
    object: "list" as const,
    data: page.rows.map(toAgentResource),
    pagination: {
      limit: query.limit,
      offset,
      total: page.total,
      has_more: page.hasMore,
      next_cursor:
        page.hasMore && last
          ? encodeListCursor({ createdAt: last.cursorCreatedAt, id: last.id }, binding)
          : null,
    },
  };
}
