import { z } from "zod";
import { emptyToUndefined, limitParam, MAX_VERSION, queryInt } from "./pagination";
import { findUnstorableText } from "./storable-text";

/** `?limit=&cursor=`: the cursor is the last version number of the previous page. */
export const listPromptVersionsQuerySchema = z.object({
  limit: limitParam(20),
  cursor: z.preprocess(
    emptyToUndefined,
    queryInt(
      "cursor must be a version number.",
      [1],
      [MAX_VERSION, "cursor must be a version number."],
    ).optional(),
  ),
});
export type ListPromptVersionsQuery = z.infer<typeof listPromptVersionsQuerySchema>;

/** A version number path segment: a positive 32-bit integer, written plainly. */
export function parseVersionNumber(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= MAX_VERSION ? n : undefined;
}

/** The optional body of a restore: why (kept as the new version's rationale). */
export const restorePromptVersionSchema = z.strictObject({
  rationale: z
    .string({ error: "rationale must be a string." })
    .trim()
    .max(1_000, "rationale must be at most 1000 characters.")
    .refine((s) => !findUnstorableText(s).length, "rationale contains characters that cannot be stored.")
    .optional(),
});
export type RestorePromptVersionInput = z.infer<typeof restorePromptVersionSchema>;
