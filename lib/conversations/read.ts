import { db } from "@/db";
import { listConversationDocs } from "@/db/queries/conversation-api-read";
import {
  type ConversationFilters,
  findConversationRow,
  listConversationRows,
  listMessageRows,
} from "@/db/queries/conversation-read";
import {
  cursorBinding,
  decodeListCursor,
  encodeListCursor,
  prepareListCursorKey,
} from "@/lib/agents/list-cursor";
import { AppError } from "@/lib/errors";
import type { ConversationFiltersInput, ListConversationsQuery } from "@/lib/validations/conversation";
import { toConversationResource, toMessageResource } from "./serialize";

// The inbox reads (API and dashboard). Cursors are the agents list's sealed keyset cursors,
// bound to the org, the list and its filters, so one list's cursor never opens another.
export const MESSAGES_PAGE = 100;
export const CONVERSATION_NOT_FOUND = "No conversation with this id in your organization.";

export function toFilters(q: ConversationFiltersInput): ConversationFilters {
  return {
    agentPublicId: q.agent_id?.toLowerCase(),
    userSub: q.user_id,
    since: q.since,
    until: q.until,
    rating: q.rating,
    q: q.q,
  };
}

function listBinding(organizationId: number, q: ConversationFiltersInput) {
  return cursorBinding(organizationId, {
    list: "conversations",
    agent_id: q.agent_id?.toLowerCase(),
    user_id: q.user_id,
    since: q.since,
    until: q.until,
    rating: q.rating,
    q: q.q,
  });
}

type KeysetAfter = { at: string; id: number };
type KeyedRow = { last_message_at: string; id: string | number };

/**
 * One keyset page of the inbox in list order, whatever the rows are (mapped rows, or JSON text
 * from Postgres): the sealed cursor is opened and the next one made here, once for both.
 */
async function keysetPage<R extends KeyedRow>(
  organizationId: number,
  query: ListConversationsQuery,
  fetch: (after: KeysetAfter | undefined) => Promise<{ rows: R[]; hasMore: boolean }>,
) {
  await prepareListCursorKey();
  const binding = listBinding(organizationId, query);
  const after = query.cursor ? decodeListCursor(query.cursor, binding) : undefined;
  const page = await fetch(after ? { at: after.createdAt, id: after.id } : undefined);
  const last = page.rows.at(-1);
  const nextCursor =
    page.hasMore && last
      ? encodeListCursor({ createdAt: last.last_message_at, id: Number(last.id) }, binding)
      : null;
  return { rows: page.rows, hasMore: page.hasMore, nextCursor };
}

/** One keyset page of inbox rows and the cursor of the next (API and dashboard). */
export function pageConversationRows(organizationId: number, query: ListConversationsQuery) {
  return keysetPage(organizationId, query, (after) =>
    listConversationRows(db, organizationId, toFilters(query), { limit: query.limit, after }),
  );
}

export async function listConversationsPage(organizationId: number, query: ListConversationsQuery) {
  const page = await pageConversationRows(organizationId, query);
  return {
    object: "list" as const,
    data: page.rows.map(toConversationResource),
    pagination: { limit: query.limit, has_more: page.hasMore, next_cursor: page.nextCursor },
  };
}

/**
 * The API's list response as JSON text. Without a search the page's conversations arrive as JSON
 * text from Postgres and are passed through unparsed; a search page's snippets are escaped here.
 */
export async function listConversationsPageJson(organizationId: number, query: ListConversationsQuery) {
  if (query.q) return JSON.stringify(await listConversationsPage(organizationId, query));
  const { q: _, ...filters } = toFilters(query);
  const page = await keysetPage(organizationId, query, async (after) => {
    const rows = await listConversationDocs(organizationId, filters, { limit: query.limit + 1, after });
    const hasMore = rows.length > query.limit;
    return { rows: hasMore ? rows.slice(0, query.limit) : rows, hasMore };
  });
  const pagination = { limit: query.limit, has_more: page.hasMore, next_cursor: page.nextCursor };
  return `{"object":"list","data":[${page.rows.map((r) => r.doc).join(",")}],"pagination":${JSON.stringify(pagination)}}`;
}

function messagesBinding(organizationId: number, conversationPublicId: string) {
  return cursorBinding(organizationId, { list: "messages", conversation: conversationPublicId });
}

async function messagesPage(
  organizationId: number,
  conversation: { id: number; public_id: string },
  cursor?: string,
) {
  const binding = messagesBinding(organizationId, conversation.public_id);
  const after = cursor ? decodeListCursor(cursor, binding) : undefined;
  const page = await listMessageRows(db, conversation.id, { limit: MESSAGES_PAGE, afterId: after?.id });
  const last = page.rows.at(-1);
  return {
    data: page.rows.map(toMessageResource),
    next_cursor:
      page.hasMore && last ? encodeListCursor({ createdAt: last.created_at, id: last.id }, binding) : null,
  };
}

async function requireConversation(organizationId: number, publicId: string) {
  const row = await findConversationRow(db, organizationId, publicId);
  if (!row) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
  return row;
}

/** The conversation with its first page of messages, oldest first. */
export async function getConversation(organizationId: number, publicId: string) {
  const row = await requireConversation(organizationId, publicId);
  const messages = await messagesPage(organizationId, row);
  return {
    ...toConversationResource(row),
    messages: messages.data,
    messages_next_cursor: messages.next_cursor,
  };
}

export async function listConversationMessages(organizationId: number, publicId: string, cursor?: string) {
  const row = await requireConversation(organizationId, publicId);
  const page = await messagesPage(organizationId, row, cursor);
  return { object: "list" as const, data: page.data, pagination: { next_cursor: page.next_cursor } };
}
