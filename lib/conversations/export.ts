import {
  EXPORT_COLUMN_NAMES,
  EXPORT_CSV_HEADER,
  EXPORT_START,
  type ExportKey,
  exportBatch,
} from "@/db/queries/conversation-export";
import type { ConversationFiltersInput } from "@/lib/validations/conversation";
import { toFilters } from "./read";

// The export: one line per message with its conversation's fields, conversation by conversation
// (each one's messages oldest first), read in keyset batches whose lines Postgres writes (db/queries/conversation-export.ts); the next batch is read while one is
// sent, so memory holds two batches' text whatever the size of the export.
export const EXPORT_BATCH = 1000;

export const CSV_COLUMNS = EXPORT_COLUMN_NAMES;

export async function* exportLines(
  organizationId: number,
  query: ConversationFiltersInput,
  format: "jsonl" | "csv",
): AsyncGenerator<Uint8Array> {
  const filters = toFilters(query);
  if (format === "csv") yield new TextEncoder().encode(EXPORT_CSV_HEADER);
  const read = (after: ExportKey) => {
    const batch = exportBatch(organizationId, filters, format, after, EXPORT_BATCH);
    // Awaited below unless the client goes away first: then its failure is nobody's to handle.
    batch.catch(() => {});
    return batch;
  };
  let next = read(EXPORT_START);
  for (;;) {
    const batch = await next;
    const more = batch.rows === EXPORT_BATCH;
    // Postgres writes the next batch while this one goes to the client: two in memory at most.
    if (more) next = read(batch.last);
    if (batch.count > 0) yield batch.bytes;
    if (!more) return;
  }
}

/** A pull stream: the next batch is read only when the client has taken the previous one. */
export function exportStream(lines: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
