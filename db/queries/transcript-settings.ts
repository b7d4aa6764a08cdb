import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { organizations } from "@/db/schema";

// An organization's transcript privacy settings (null retention = the plan's default).
export type TranscriptSettingsRow = {
  plan: typeof organizations.$inferSelect.plan;
  transcriptRetentionDays: number | null;
  storeTranscripts: boolean;
};

const columns = {
  plan: organizations.plan,
  transcriptRetentionDays: organizations.transcriptRetentionDays,
  storeTranscripts: organizations.storeTranscripts,
};

/** The settings; `lock` holds the row until the transaction ends (the audit's "before" stays true). */
export async function findTranscriptSettings(
  db: Executor,
  organizationId: number,
  opts: { lock?: boolean } = {},
): Promise<TranscriptSettingsRow | undefined> {
  const q = db.select(columns).from(organizations).where(eq(organizations.id, organizationId));
  const rows = await (opts.lock ? q.for("update") : q);
  return rows[0];
}

export async function updateTranscriptSettingsRow(
  db: Executor,
  organizationId: number,
  values: { transcriptRetentionDays: number | null; storeTranscripts: boolean },
): Promise<void> {
  await db.update(organizations).set(values).where(eq(organizations.id, organizationId));
}
