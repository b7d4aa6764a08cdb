import { z } from "zod";
import { AppError } from "@/lib/errors";

// GET /api/v1/usage?month=YYYY-MM (a calendar month in UTC; the current one when absent).
export const usageQuerySchema = z.object({
  month: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string({ error: "month must be YYYY-MM, like 2026-12." })
      .regex(
        /^(?:[2-9]\d{3})-(?:0[1-9]|1[0-2])$/,
        "month must be YYYY-MM, like 2026-12 (year 2000 or later).",
      )
      .optional(),
  ),
});

/** The query of GET /api/v1/usage; a repeated month is ambiguous, so it is an error too. */
export function parseUsageQuery(params: URLSearchParams): { month?: string } {
  const months = params.getAll("month");
  if (months.length > 1) {
    throw AppError.validation([{ path: "month", message: "Give month once." }]);
  }
  return usageQuerySchema.parse({ month: months[0] });
}
