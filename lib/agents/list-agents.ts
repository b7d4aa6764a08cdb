import { db } from "@/db";
import { type ApiPagePosition, listAgentDocs } from "@/db/queries/agent-api-read";
import { type AgentListFilters, listAgentsForOrganization } from "@/db/queries/agent-read";
import {
  cursorBinding,
  decodeListCursor,
  encodeListCursor,
  type ListCursor,
  prepareListCursorKey,
} from "@/lib/agents/list-cursor";
import { toAgentResource } from "@/lib/agents/serialize";
import type { ListAgentsQuery } from "@/lib/validations/agent-list";

/**
 * The API's list response as JSON text: a page of agents and how to get the next one
 * (`{ object: "list", data, pagination }`). Text, because the common page's agents arrive as
 * JSON text from Postgres and are passed through unparsed.
 */
export async function listAgentsPageJson(organizationId: number, query: ListAgentsQuery): Promise<string> {
  const filters = { q: query.q, persona: query.persona, optimizationStatus: query.optimization_status };
  const binding = cursorBinding(organizationId, {
    q: query.q,
    persona: query.persona,
    optimization_status: query.optimization_status,
  });
  await prepareListCursorKey();
  const after = query.cursor ? decodeListCursor(query.cursor, binding) : undefined;
  const offset = after ? null : (query.offset ?? 0);
  const unfiltered = !query.q && !query.persona && !query.optimization_status;
  const page = unfiltered
    ? await unfilteredPage(organizationId, query.limit, after, offset)
    : await filteredPage(organizationId, query.limit, filters, after, offset);
  const pagination = {
    limit: query.limit,
    offset,
    total: page.total,
    has_more: page.hasMore,
    next_cursor: page.hasMore && page.last ? encodeListCursor(page.last, binding) : null,
  };
  return `{"object":"list","data":${page.dataJson},"pagination":${JSON.stringify(pagination)}}`;
}

type Page = { dataJson: string; total: number | null; hasMore: boolean; last?: ListCursor };

/**
 * The common case: one statement, answered as one row carrying the page's agents as JSON text
 * and, in offset mode, the org's exact agent_count for the total.
 */
async function unfilteredPage(
  organizationId: number,
  limit: number,
  after: ListCursor | undefined,
  offset: number | null,
): Promise<Page> {
  const at: ApiPagePosition = after
    ? { kind: "keyset", afterCreatedAt: after.createdAt, afterId: after.id }
    : offset
      ? { kind: "offset", offset }
      : { kind: "first" };
  const page = await listAgentDocs(organizationId, limit, at);
  return {
    dataJson: `[${page.data}]`,
    total: after ? null : (page.total ?? 0),
    hasMore: page.fetched > limit,
    last:
      page.last_id !== null && page.last_created_at !== null
        ? { createdAt: page.last_created_at, id: Number(page.last_id) }
        : undefined,
  };
}

async function filteredPage(
  organizationId: number,
  limit: number,
  filters: AgentListFilters,
  after: ListCursor | undefined,
  offset: number | null,
): Promise<Page> {
  const page = await listAgentsForOrganization(db, organizationId, {
    ...filters,
    limit,
    offset: offset ?? undefined,
    after,
  });
  const last = page.rows.at(-1);
  return {
    dataJson: JSON.stringify(page.rows.map(toAgentResource)),
    total: page.total,
    hasMore: page.hasMore,
    last: last && { createdAt: last.cursorCreatedAt, id: last.id },
  };
}
