import { db } from "@/db";
import { type ExportRow, exportBatch } from "@/db/queries/conversation-read";
import type { ConversationFiltersInput } from "@/lib/validations/conversation";
import { toFilters } from "./read";

// The export: one line per message with its conversation's fields, read in keyset batches and
// written as they arrive, so memory holds one batch whatever the size of the export.
export const EXPORT_BATCH = 1000;

export const CSV_COLUMNS = [
  "conversation_id",
  "agent_id",
  "agent_name",
  "visitor_id",
  "user_id",
  "conversation_started_at",
  "message_id",
  "role",
  "content",
  "created_at",
  "rating",
  "comment",
  "input_tokens",
  "output_tokens",
] as const;

function fields(r: ExportRow): Record<(typeof CSV_COLUMNS)[number], string | number | null> {
  return {
    conversation_id: r.conversation_public_id,
    agent_id: r.agent_public_id,
    agent_name: r.agent_name,
    visitor_id: r.visitor_id,
    user_id: r.user_sub,
    conversation_started_at: r.conversation_started_at,
    message_id: r.public_id,
    role: r.role,
    content: r.content,
    created_at: r.created_at,
    rating: r.feedback_rating,
    comment: r.feedback_comment,
    input_tokens: r.input_tokens,
    output_tokens: r.output_tokens,
  };
}

/**
 * One RFC 4180 field: quoted when it holds a quote, comma or line break. A cell a spreadsheet
 * would run as a formula (= + - @, tab, CR) gets a leading apostrophe first.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export async function* exportLines(
  organizationId: number,
  query: ConversationFiltersInput,
  format: "jsonl" | "csv",
): AsyncGenerator<string> {
  const filters = toFilters(query);
  if (format === "csv") yield csvLine([...CSV_COLUMNS]);
  let afterId = 0;
  for (;;) {
    const rows = await exportBatch(db, organizationId, filters, afterId, EXPORT_BATCH);
    if (rows.length === 0) return;
    let chunk = "";
    for (const r of rows) {
      const f = fields(r);
      chunk += format === "csv" ? csvLine(CSV_COLUMNS.map((c) => f[c])) : `${JSON.stringify(f)}\n`;
    }
    yield chunk;
    afterId = rows.at(-1)!.id;
    if (rows.length < EXPORT_BATCH) return;
  }
}

/** A pull stream: the next batch is read only when the client has taken the previous one. */
export function exportStream(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
