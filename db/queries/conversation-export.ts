import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { sqlClient } from "@/db";
import { type ConversationFilters, filterConditions } from "./conversation-read";

// The export's lines are made by Postgres, and a batch reaches the server as one value read raw:
// the driver's own buffer, sent on as it is, never a JavaScript row object or string. Row objects
// and strings outlived V8's young generation while their batch was in flight, so they were
// promoted and the old generation grew with the export until a full GC; bytes outside the heap
// are freed with their small wrapper.

const utc = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// Column name → source column, in export order; JSONL uses the names as keys (row_to_json keeps
// the order and writes the compact form JSON.stringify does). Lines are made from the batch's
// rows after its limit: an expression under the sort would be computed for every matching row.
const COLUMNS = [
  ["conversation_id", "c.public_id"],
  ["agent_id", "a.public_id"],
  ["agent_name", "a.name"],
  ["visitor_id", "c.visitor_id"],
  ["user_id", "c.user_sub"],
  ["conversation_started_at", "c.created_at"],
  ["message_id", "m.public_id"],
  ["role", "m.role"],
  ["content", "m.content"],
  ["created_at", "m.created_at"],
  ["rating", "m.feedback_rating"],
  ["comment", "m.feedback_comment"],
  ["input_tokens", "m.input_tokens"],
  ["output_tokens", "m.output_tokens"],
] as const;
const TIMES = new Set(["conversation_started_at", "created_at"]);
// The agent's fields are looked up for the batch's rows after its limit; the rest come from b.
const fromAgent = (source: string) => source.startsWith("a.");
const value = (name: string) => {
  const source = COLUMNS.find(([n]) => n === name)![1];
  const col = fromAgent(source) ? source : `b.${name}`;
  return TIMES.has(name) ? utc(col) : col;
};

export const EXPORT_COLUMN_NAMES = COLUMNS.map(([name]) => name);
// The CSV header record: plain snake_case names need neither quoting nor the formula prefix.
export const EXPORT_CSV_HEADER = `${EXPORT_COLUMN_NAMES.join(",")}\r\n`;

// Free text anyone can set (names, visitor and user ids, messages, comments) gets the full CSV
// treatment; generated ids, timestamps, enums and numbers cannot hold a quote, comma, line break
// or a leading formula character, and skipping two regex tests per cell keeps the export fast.
const FREE_TEXT = new Set(["agent_name", "visitor_id", "user_id", "content", "comment"]);

/**
 * The CSV rules (the product's only definition; the integration tests hold it to a JavaScript
 * reference): a cell a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading
 * apostrophe first, then RFC 4180 quoting when it holds a quote, comma or line break.
 */
function csvCell(name: string, expr: string): string {
  const text = `(${expr})::text`;
  if (!FREE_TEXT.has(name)) return `coalesce(${text}, '')`;
  const safe = `(case when left(${text}, 1) in ('=', '+', '-', '@', E'\\t', E'\\r') then '''' || ${text} else ${text} end)`;
  return `(case when ${text} is null then '' when ${safe} ~ E'[",\\r\\n]' then '"' || replace(${safe}, '"', '""') || '"' else ${safe} end)`;
}

const CSV_LINE = sql.raw(
  `${COLUMNS.map(([name]) => csvCell(name, value(name))).join(" || ',' || ")} || E'\\r\\n'`,
);
const JSON_FIELDS = sql.raw(COLUMNS.map(([name]) => `${value(name)} as ${name}`).join(", "));
const SOURCES = sql.raw(
  COLUMNS.filter(([, source]) => !fromAgent(source))
    .map(([name, source]) => `${source} as ${name}`)
    .join(", "),
);

const JSON_LINE = sql.raw(`row_to_json(j)::text || E'\\n'`);

const dialect = new PgDialect();

/**
 * Where the next batch starts: the messages of `conversationId` after `messageId`, then every
 * later conversation's (internal ids; { conversationId: c + 1, messageId: 0 } is "after c").
 */
export type ExportKey = { conversationId: number; messageId: number };
export const EXPORT_START: ExportKey = { conversationId: 0, messageId: 0 };

/** `rows` counts the lines and the conversations left with none; fewer than the limit: done. */
export type ExportBatch = { count: number; rows: number; last: ExportKey; bytes: Uint8Array };

/**
 * The org's conversations from the key on. `= any(array[org])`, not `= org`: an equality makes
 * the org's part of the order by (organization_id, id) redundant, and then the primary key gives
 * id order too; where one org is most of the table the planner walks it and filters out the
 * others' conversations (for every org, in a prepared statement's generic plan). The array form
 * keeps (organization_id, id) an order only conversations_org_id_idx gives (Postgres 17 and
 * later return an index scan on `= any(…)` in index order), estimated as the equality would be.
 */
const orgFrom = (organizationId: number, after: ExportKey) =>
  sql`c.organization_id = any(array[${organizationId}::bigint]) and c.id >= ${after.conversationId}::bigint`;

/**
 * The batch statement: the next `limit` rows in (conversation id, message id) order, as lines in
 * one value. At most `limit` of the org's conversations are walked in id order from the key
 * (conversations_org_id_idx), each one's messages read in id order through its own index
 * (conversation_messages_conversation_idx), and the limit stops the walk: a batch reads what it
 * sends, whatever the org's size, with or without planner statistics (ordering by message id
 * alone made the planner gather and sort all of the org's remaining messages for every batch).
 * The messages come presorted within each conversation: the order costs an incremental sort of
 * one conversation at a time. A conversation with no messages left is a row without a line, so
 * a run of empty conversations counts towards the limit and cannot end the export early. The
 * limit is a literal so that a prepared statement's generic plan knows it too.
 */
export function exportBatchQuery(
  organizationId: number,
  filters: ConversationFilters,
  format: "jsonl" | "csv",
  after: ExportKey,
  limit: number,
) {
  const line = format === "csv" ? CSV_LINE : JSON_LINE;
  const n = sql.raw(String(Math.trunc(limit)));
  return dialect.sqlToQuery(sql`
    select count(b.id)::int as count, count(*)::int as rows,
      max(case when b.id is null then array[b.conversation_key + 1, 0]
        else array[b.conversation_key, b.id] end)::text as last_key,
      coalesce(string_agg(${line}, '' order by b.conversation_key, b.id)
        filter (where b.id is not null), '') as text
    from (select c.id as conversation_key, c.agent_id, m.id, ${SOURCES}
      from (select c.organization_id, c.id, c.agent_id, c.public_id, c.visitor_id, c.user_sub, c.created_at
          from conversations c
          where ${orgFrom(organizationId, after)}${sql.join(filterConditions(organizationId, filters).map((f) => sql` and ${f}`))}
          order by c.organization_id, c.id limit ${n}) c
        left join lateral (select lm.id, lm.public_id, lm.role, lm.content, lm.created_at,
            lm.feedback_rating, lm.feedback_comment, lm.input_tokens, lm.output_tokens
          from conversation_messages lm
          where lm.conversation_id = c.id
            and lm.id > (case when c.id = ${after.conversationId}::bigint then ${after.messageId}::bigint else 0 end)
          order by lm.id limit ${n}) m on true
      order by c.organization_id, c.id, m.id limit ${n}) b
      join agents a on a.id = b.agent_id
      cross join lateral (select ${JSON_FIELDS}) j`);
}

/** The next `limit` rows after `after`, as JSONL or CSV lines (UTF-8) in one value. */
export async function exportBatch(
  organizationId: number,
  filters: ConversationFilters,
  format: "jsonl" | "csv",
  after: ExportKey,
  limit: number,
): Promise<ExportBatch> {
  const query = exportBatchQuery(organizationId, filters, format, after, limit);
  // raw(): each column as the driver's Buffer (text format), so the lines are never decoded.
  const [row] = await sqlClient()
    .unsafe(query.sql, query.params as never[], { prepare: true })
    .raw();
  const [count, rows, lastKey, bytes] = row as unknown as [Buffer, Buffer, Buffer | null, Buffer];
  return {
    count: Number(count.toString()),
    rows: Number(rows.toString()),
    last: lastKey ? parseKey(lastKey.toString()) : after,
    bytes,
  };
}

/** Postgres's text form of the key's array, "{conversation,message}". */
export function parseKey(text: string): ExportKey {
  const [conversationId, messageId] = text.slice(1, -1).split(",").map(Number);
  return { conversationId: conversationId ?? 0, messageId: messageId ?? 0 };
}
