import { db } from "@/db";
import { listSourcesDueForSync } from "@/db/queries/knowledge-ingest";
import { inngest } from "@/lib/inngest/client";
import { knowledgeSyncRequested, knowledgeSyncRequestedSchema } from "@/lib/inngest/events";
import { runSync } from "./run-sync";
import { sendSyncEvent } from "./send-event";
import { onIngestFailure } from "./steps";

// One run per sync of a source: plan (mark processing, list the documents: one, or a sitemap's
// pages) → one step per document (fetch → extract → chunk → stage its chunks, progress +1) →
// index (switch to the new chunks in one short transaction). A retried step redoes only its own
// document. One source syncs at a time; an organization's sources share two slots, so one huge
// site does not hold every other org's ingestion.
export const ingestKnowledgeSource = inngest.createFunction(
  {
    id: "ingest-knowledge-source",
    name: "Ingest a knowledge source",
    triggers: [knowledgeSyncRequested],
    concurrency: [
      { key: "event.data.source_public_id", limit: 1 },
      { key: "event.data.organization_id", limit: 2 },
    ],
    retries: 3,
    onFailure: onIngestFailure,
  },
  async ({ event, step }) => {
    const data = knowledgeSyncRequestedSchema.parse(event.data);
    // Step output comes back as JSON; a sync's steps return nothing JSON would change.
    const run = <T>(id: string, work: () => Promise<T>) => step.run(id, work) as Promise<T>;
    return runSync(data.source_public_id, run);
  },
);

/** Daily and weekly sources due again, and pending ones whose event was lost, get their event. */
export async function requestDueSyncs(opts: { limit?: number } = {}) {
  const due = await listSourcesDueForSync(db, { lostAfterMinutes: 15, limit: opts.limit ?? 200 });
  let sent = 0;
  for (const s of due) {
    if (
      await sendSyncEvent({
        organizationId: s.organizationId,
        sourcePublicId: s.publicId,
        requestedAt: s.requestedAt,
      })
    )
      sent++;
    else break;
  }
  return { due: due.length, sent };
}

export const scheduledKnowledgeSync = inngest.createFunction(
  {
    id: "knowledge-scheduled-sync",
    name: "Re-sync knowledge sources on their schedule",
    triggers: [{ cron: "23 * * * *" }],
  },
  async ({ step }) => step.run("request-due", () => requestDueSyncs()),
);
