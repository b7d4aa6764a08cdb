import { z } from "zod";

// Public ids are UUIDs (Postgres gen_random_uuid). Any well-formed one is accepted, so a
// malformed id is told apart from an unknown one without a query; matching is case-blind.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const publicIdSchema = z
  .string()
  .regex(UUID_PATTERN)
  .transform((s) => s.toLowerCase());

export function isPublicId(value: string): boolean {
  return UUID_PATTERN.test(value);
}
