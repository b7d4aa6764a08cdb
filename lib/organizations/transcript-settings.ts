import "server-only";
import { db } from "@/db";
import { findTranscriptSettings, updateTranscriptSettingsRow } from "@/db/queries/transcript-settings";
import type { UseCaseContext } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { PLANS } from "@/lib/plans";
import { unitOfWork } from "@/lib/unit-of-work";
import type { TranscriptSettingsInput } from "@/lib/validations/transcript-settings";

// Transcript privacy per organization (API.md "Conversations"): how long transcripts are kept
// and whether they are kept at all. The retention jobs (lib/conversations/retention.ts) read
// the row on each run, so nothing is cached to invalidate. Who may change it (owners) is the
// caller's check; every change is audited with the values before and after.

export type TranscriptSettings = {
  /** The org's own setting; null = the plan's default. */
  retentionDays: number | null;
  planDefaultDays: number;
  effectiveDays: number;
  storeTranscripts: boolean;
};

export async function getTranscriptSettings(organizationId: number): Promise<TranscriptSettings> {
  const row = await findTranscriptSettings(db, organizationId);
  if (!row) throw new AppError("not_found", "Organization not found.");
  const planDefaultDays = PLANS[row.plan].transcriptRetentionDays;
  return {
    retentionDays: row.transcriptRetentionDays,
    planDefaultDays,
    effectiveDays: row.transcriptRetentionDays ?? planDefaultDays,
    storeTranscripts: row.storeTranscripts,
  };
}

/** Saves the settings; returns whether anything changed (no change, no audit row). */
export async function updateTranscriptSettings(
  ctx: UseCaseContext,
  input: TranscriptSettingsInput,
): Promise<{ changed: boolean }> {
  return unitOfWork(ctx, async ({ tx, audit }) => {
    const before = await findTranscriptSettings(tx, ctx.organizationId, { lock: true });
    if (!before) throw new AppError("not_found", "Organization not found.");
    const after = { transcriptRetentionDays: input.retentionDays, storeTranscripts: input.storeTranscripts };
    if (
      before.transcriptRetentionDays === after.transcriptRetentionDays &&
      before.storeTranscripts === after.storeTranscripts
    ) {
      return { changed: false };
    }
    await updateTranscriptSettingsRow(tx, ctx.organizationId, after);
    await audit("organization.transcript_settings.updated", null, {
      before: {
        transcript_retention_days: before.transcriptRetentionDays,
        store_transcripts: before.storeTranscripts,
      },
      after: {
        transcript_retention_days: after.transcriptRetentionDays,
        store_transcripts: after.storeTranscripts,
      },
    });
    return { changed: true };
  });
}
