import { z } from "zod";

export const RETENTION_MIN_DAYS = 1;
export const RETENTION_MAX_DAYS = 3650;
const RANGE = `Enter a whole number of days from ${RETENTION_MIN_DAYS} to 3,650, or leave it empty for the plan's default.`;

/**
 * The settings form: an empty retention means the plan's default; the checkbox is present
 * ("on") when transcripts are stored.
 */
export const transcriptSettingsSchema = z.object({
  retentionDays: z
    .string({ error: RANGE })
    .trim()
    .max(12, RANGE)
    .transform((s, ctx) => {
      if (s === "") return null;
      const n = /^\d+$/.test(s) ? Number(s) : Number.NaN;
      if (!Number.isInteger(n) || n < RETENTION_MIN_DAYS || n > RETENTION_MAX_DAYS) {
        ctx.addIssue({ code: "custom", message: RANGE });
        return z.NEVER;
      }
      return n;
    }),
  storeTranscripts: z
    .enum(["on"], { error: "Something is off with this form. Reload the page." })
    .optional()
    .transform((v) => v === "on"),
});
export type TranscriptSettingsInput = z.output<typeof transcriptSettingsSchema>;
