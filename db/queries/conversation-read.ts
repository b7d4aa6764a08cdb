import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";

// The inbox's reads: one statement per page, keyset on (last_message_at, id) for conversations
// and on id for messages, each served by its index (see db/schema/conversations.ts).

export type ConversationFilters = {
  agentPublicId?: string;
  userSub?: string;
  since?: string;
  until?: string;
  rating?: "up" | "down" | "none";
  q?: string;
};

export type ConversationRow = {
  id: number;
  public_id: string;
  agent_public_id: string;
  agent_name: string;
  visitor_id: string;
  user_sub: string | null;
  user_name: string | null;
  user_email: string | null;
  created_at: string;
  last_message_at: string;
  message_count: number;
  feedback_up: number;
  feedback_down: number;
  snippet?: string | null;
  rank?: number | null;
};

export type MessageRow = {
  id: number;
  public_id: string;
  role: "user" | "assistant";
  content: string;
  created_at: string;
  feedback_rating: "up" | "down" | null;
  feedback_comment: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  sources: unknown[];
};

// Microsecond text: Postgres keeps µs, a JS Date only ms, and a keyset cursor needs the exact value.
const utc = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

// ts_headline marks matches with control characters, never HTML: it does not escape the content
// around them (lib/conversations/snippet.ts escapes and renders).
export const SNIPPET_START = "\u0002";
export const SNIPPET_STOP = "\u0003";

/** websearch syntax: quotes and `or` work, stray punctuation never errors. */
const tsQuery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;

export function conversationConditions(organizationId: number, f: ConversationFilters): SQL {
  return sql.join(
    [sql`c.organization_id = ${organizationId}`, ...filterConditions(organizationId, f)],
    sql` and `,
  );
}

/** The filters' conditions on `c`, without the org's own. */
export function filterConditions(organizationId: number, f: ConversationFilters): SQL[] {
  const parts: SQL[] = [];
  // The agent's id, not a condition on the joined agents row: the agent's keyset index can
  // only serve a condition on conversations itself.
  if (f.agentPublicId)
    parts.push(sql`c.agent_id = (select fa.id from agents fa
      where fa.organization_id = ${organizationId} and fa.public_id = ${f.agentPublicId}::uuid)`);
  if (f.userSub) parts.push(sql`c.user_sub = ${f.userSub}`);
  if (f.since) parts.push(sql`c.last_message_at >= ${f.since}::timestamptz`);
  if (f.until) parts.push(sql`c.last_message_at < ${f.until}::timestamptz`);
  if (f.rating === "up") parts.push(sql`c.feedback_up > 0`);
  if (f.rating === "down") parts.push(sql`c.feedback_down > 0`);
  if (f.rating === "none") parts.push(sql`c.feedback_up = 0 and c.feedback_down = 0`);
  if (f.q) {
    parts.push(
      sql`c.id in (select sm.conversation_id from conversation_messages sm where sm.search_vector @@ ${tsQuery(f.q)})`,
    );
  }
  return parts;
}

const conversationColumns = sql`c.id, c.public_id, a.public_id as agent_public_id, a.name as agent_name,
  c.visitor_id, c.user_sub, c.user_name, c.user_email, c.message_count, c.feedback_up, c.feedback_down,
  ${utc("c.created_at")} as created_at, ${utc("c.last_message_at")} as last_message_at`;

export async function listConversationRows(
  db: Executor,
  organizationId: number,
  filters: ConversationFilters,
  page: { limit: number; after?: { at: string; id: number } },
): Promise<{ rows: ConversationRow[]; hasMore: boolean }> {
  const after = page.after
    ? sql` and (c.last_message_at, c.id) < (${page.after.at}::timestamptz, ${page.after.id}::bigint)`
    : sql``;
  const order = sql`order by c.last_message_at desc, c.id desc limit ${page.limit + 1}`;
  const rows = filters.q
    ? await db.execute<ConversationRow>(searchStatement(organizationId, filters, after, order))
    : await db.execute<ConversationRow>(sql`select ${conversationColumns}
        from conversations c join agents a on a.id = c.agent_id
        where ${conversationConditions(organizationId, filters)}${after} ${order}`);
  const list = [...rows].map((r) => ({ ...r, id: Number(r.id) }));
  return { rows: list.slice(0, page.limit), hasMore: list.length > page.limit };
}

/**
 * A search page starts from the GIN index's matches: the best message of each matching
 * conversation (rank, then the oldest), joined to its conversation for tenancy, filters and the
 * keyset order. Only the page's rows get a headline (ts_headline is costed high, so the planner
 * evaluates it after the limit). The conversation is a lateral lookup by primary key (`offset 0`
 * keeps it one): a prepared statement's generic plan cannot see how few the matches are and
 * would otherwise hash them against every conversation of the org.
 */
function searchStatement(organizationId: number, filters: ConversationFilters, after: SQL, order: SQL) {
  const q = tsQuery(filters.q ?? "");
  const { q: _, ...rest } = filters;
  return sql`select ${conversationColumns},
      ts_headline('english', m.content, ${q},
        ${`StartSel=${SNIPPET_START},StopSel=${SNIPPET_STOP},MaxWords=20,MinWords=8`}) as snippet,
      best.rank
    from (select distinct on (sm.conversation_id) sm.conversation_id, sm.id,
            ts_rank(sm.search_vector, ${q}) as rank
          from conversation_messages sm where sm.search_vector @@ ${q}
          order by sm.conversation_id, rank desc, sm.id) best
      cross join lateral (select * from conversations c0 where c0.id = best.conversation_id offset 0) c
      join agents a on a.id = c.agent_id
      join conversation_messages m on m.id = best.id
    where ${conversationConditions(organizationId, rest)}${after} ${order}`;
}

export async function findConversationRow(db: Executor, organizationId: number, publicId: string) {
  const rows = await db.execute<ConversationRow>(sql`select ${conversationColumns}
    from conversations c join agents a on a.id = c.agent_id
    where c.organization_id = ${organizationId} and c.public_id = ${publicId}::uuid limit 1`);
  const row = rows[0];
  return row ? { ...row, id: Number(row.id) } : undefined;
}

const messageColumns = sql`m.id, m.public_id, m.role, m.content, ${utc("m.created_at")} as created_at,
  m.feedback_rating, m.feedback_comment, m.input_tokens, m.output_tokens, m.sources`;

/** One page of a conversation's messages, oldest first, after message `afterId`. */
export async function listMessageRows(
  db: Executor,
  conversationId: number,
  page: { limit: number; afterId?: number },
): Promise<{ rows: MessageRow[]; hasMore: boolean }> {
  const rows = await db.execute<MessageRow>(sql`select ${messageColumns} from conversation_messages m
    where m.conversation_id = ${conversationId}${page.afterId ? sql` and m.id > ${page.afterId}::bigint` : sql``}
    order by m.id limit ${page.limit + 1}`);
  const list = [...rows].map((r) => ({ ...r, id: Number(r.id) }));
  return { rows: list.slice(0, page.limit), hasMore: list.length > page.limit };
}

/** The newest `limit` messages of a conversation, oldest first (what a resumed widget shows). */
export async function listLatestMessageRows(db: Executor, conversationId: number, limit: number) {
  const rows = await db.execute<MessageRow>(sql`select * from (select ${messageColumns}
    from conversation_messages m where m.conversation_id = ${conversationId}
    order by m.id desc limit ${limit}) t order by id`);
  return [...rows].map((r) => ({ ...r, id: Number(r.id) }));
}
