import { db } from "@/db";
import {
  type ApiPagePosition,
  countAgentsOfOrganization,
  listAgentApiRows,
} from "@/db/queries/agent-api-read";
import { type AgentListFilters, listAgentsForOrganization } from "@/db/queries/agent-read";
import {
  cursorBinding,
  decodeListCursor,
  encodeListCursor,
  type ListCursor,
  prepareListCursorKey,
} from "@/lib/agents/list-cursor";
import { type AgentResource, apiRowToResource, toAgentResource } from "@/lib/agents/serialize";
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
  const unfiltered = !query.q && !query.persona && !query.optimization_status;
  const page = unfiltered
    ? await unfilteredPage(organizationId, query.limit, after, offset)
    : await filteredPage(organizationId, query.limit, filters, after, offset);
  return {
    object: "list" as const,
    data: page.data,
    pagination: {
      limit: query.limit,
      offset,
      total: page.total,
      has_more: page.hasMore,
      next_cursor: page.hasMore && page.last ? encodeListCursor(page.last, binding) : null,
    },
  };
}

type Page = { data: AgentResource[]; total: number | null; hasMore: boolean; last?: ListCursor };

/**
 * The common case, in plain SQL mapped straight to the public object: one page statement and, in
 * offset mode, the org's exact agent_count (kept in the same transaction as every insert and
 * delete) for the total.
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
  const [rows, total] = await Promise.all([
    listAgentApiRows(organizationId, limit + 1, at),
    after ? null : countAgentsOfOrganization(organizationId),
  ]);
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(apiRowToResource),
    total,
    hasMore,
    last: last && { createdAt: last.cursor_created_at as string, id: Number(last.id) },
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
    data: page.rows.map(toAgentResource),
    total: page.total,
    hasMore: page.hasMore,
    last: last && { createdAt: last.cursorCreatedAt, id: last.id },
  };
}
