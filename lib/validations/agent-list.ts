import { z } from "zod";
import { PERSONA_KEYS } from "@/lib/personas";
import { optimizationStatusSchema } from "./agent";
import { emptyToUndefined, limitParam, queryInt } from "./pagination";

export const LIST_LIMIT_DEFAULT = 50;

/** `limit` of every keyset list (agents, conversations): the shared 1–100 limit, documented. */
export const listLimitParam = limitParam(LIST_LIMIT_DEFAULT).meta({ description: "Page size.", example: 20 });

/** GET /api/v1/agents query parameters (also the OpenAPI parameters of that route). */
export const listAgentsQuerySchema = z
  .object({
    limit: listLimitParam,
    offset: z
      .preprocess(
        emptyToUndefined,
        queryInt(
          "offset must be an integer.",
          [0, "offset must be 0 or more."],
          [10_000_000, "offset is too large; use cursor pagination for deep pages."],
        ).optional(),
      )
      .meta({
        type: "integer",
        minimum: 0,
        description: "Rows to skip (offset mode, default 0). Not with `cursor`.",
      }),
    // Length is checked by the cursor decoder, so an oversized cursor is 400 invalid_cursor too.
    cursor: z
      .preprocess(emptyToUndefined, z.string().max(4096).optional())
      .meta({ description: "`next_cursor` of the previous page (cursor mode). Not with `offset`." }),
    q: z
      .preprocess(emptyToUndefined, z.string().trim().max(100, "q is at most 100 characters.").optional())
      .meta({ description: "Name contains (case-insensitive).", example: "support" }),
    persona: z
      .preprocess(emptyToUndefined, z.enum(PERSONA_KEYS).optional())
      .meta({ description: "Only agents with this persona key." }),
    optimization_status: z
      .preprocess(emptyToUndefined, optimizationStatusSchema.optional())
      .meta({ description: "Only agents in this optimization state." }),
  })
  .refine((v) => !(v.offset !== undefined && v.cursor !== undefined), {
    message: "Send either offset or cursor, not both.",
    path: ["cursor"],
  });
export type ListAgentsQuery = z.infer<typeof listAgentsQuerySchema>;
