import { z } from "zod";

export const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** The largest version number (a Postgres integer). */
export const MAX_VERSION = 2_147_483_647;

/**
 * An integer query parameter before its default/optional: `notInt` for anything but an
 * integer, the bound's own message (or `notInt`) when out of range.
 */
export const queryInt = (notInt: string, min: [number, string?], max: [number, string?]) =>
  z.coerce
    .number({ error: notInt })
    .int(notInt)
    .min(min[0], min[1] ?? notInt)
    .max(max[0], max[1]);

const LIMIT_RANGE = "limit must be between 1 and 100.";

/** A `limit` query parameter: 1–100, `fallback` when absent or empty. */
export const limitParam = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    queryInt("limit must be an integer.", [1, LIMIT_RANGE], [100, LIMIT_RANGE]).default(fallback),
  );

/** limit/offset query parameters for the simple (offset-only) lists. */
export const offsetPageQuerySchema = z.object({
  limit: limitParam(50),
  offset: z.preprocess(
    emptyToUndefined,
    queryInt("offset must be an integer.", [0, "offset must be 0 or more."], [1_000_000]).default(0),
  ),
});
