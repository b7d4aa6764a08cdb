import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { sqlClient } from "@/db";
import { type ConversationFilters, conversationConditions } from "./conversation-read";

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
const value = (name: string) => (TIMES.has(name) ? utc(`b.${name}`) : `b.${name}`);

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
const SOURCES = sql.raw(COLUMNS.map(([name, source]) => `${source} as ${name}`).join(", "));

const JSON_LINE = sql.raw(`row_to_json(j)::text || E'\\n'`);

const dialect = new PgDialect();

export type ExportBatch = { count: number; lastId: number; bytes: Uint8Array };

/** The batch statement: the next `limit` messages after `afterId` as lines, in one value. */
export function exportBatchQuery(
  organizationId: number,
  filters: ConversationFilters,
  format: "jsonl" | "csv",
  afterId: number,
  limit: number,
) {
  const line = format === "csv" ? CSV_LINE : JSON_LINE;
  return dialect.sqlToQuery(sql`
    select count(*)::int as count, max(b.id)::text as last_id,
      coalesce(string_agg(${line}, '' order by b.id), '') as text
    from (select m.id, ${SOURCES}
      from conversation_messages m join conversations c on c.id = m.conversation_id
        join agents a on a.id = c.agent_id
      where ${conversationConditions(organizationId, filters)} and m.id > ${afterId}::bigint
      order by m.id limit ${limit}) b
      cross join lateral (select ${JSON_FIELDS}) j`);
}

/** The next `limit` messages after `afterId`, as JSONL or CSV lines (UTF-8) in one value. */
export async function exportBatch(
  organizationId: number,
  filters: ConversationFilters,
  format: "jsonl" | "csv",
  afterId: number,
  limit: number,
): Promise<ExportBatch> {
  const query = exportBatchQuery(organizationId, filters, format, afterId, limit);
  // raw(): each column as the driver's Buffer (text format), so the lines are never decoded.
  const [row] = await sqlClient()
    .unsafe(query.sql, query.params as never[], { prepare: true })
    .raw();
  const [count, lastId, bytes] = row as unknown as [Buffer, Buffer | null, Buffer];
  return { count: Number(count.toString()), lastId: lastId ? Number(lastId.toString()) : afterId, bytes };
}
