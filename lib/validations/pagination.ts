import { z } from "zod";

export const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** A `limit` query parameter: 1–100, `fallback` when absent or empty. */
export const limitParam = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "limit must be an integer." })
      .int("limit must be an integer.")
      .min(1, "limit must be between 1 and 100.")
      .max(100, "limit must be between 1 and 100.")
      .default(fallback),
  );

/** limit/offset query parameters for the simple (offset-only) lists. */
export const offsetPageQuerySchema = z.object({
  limit: limitParam(50),
  offset: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "offset must be an integer." })
      .int("offset must be an integer.")
      .min(0, "offset must be 0 or more.")
      .max(1_000_000)
      .default(0),
  ),
});
