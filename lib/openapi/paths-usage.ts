import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { usageQuerySchema } from "@/lib/validations/usage";
import { jsonContent, problems } from "./responses";

// GET /api/v1/usage: the month's messages against the plan's limit, tokens, and per agent.
const count = z.number().int().min(0);

export const usageResourceSchema = z
  .object({
    object: z.literal("usage"),
    month: z.string().meta({ example: "2026-12" }).describe("The calendar month (UTC), YYYY-MM."),
    messages: z
      .object({
        used: count.describe("Chat replies taken from this month's budget."),
        limit: count.describe("The month's limit: the organization's override, else its plan's."),
      })
      .describe("Past the limit the widget answers 429 `quota_exhausted` until the next month."),
    tokens: z.object({ input: count, output: count }).describe("Gemini's token counts of the replies."),
    by_agent: z
      .array(
        z.object({
          agent: z
            .object({ id: z.uuid(), name: z.string() })
            .nullable()
            .describe("null: agents deleted since (their usage still counts)."),
          messages: count,
          input_tokens: count,
          output_tokens: count,
        }),
      )
      .describe("Agents with replies this month, most messages first."),
  })
  .meta({ id: "Usage" });

export function registerUsagePaths(r: OpenAPIRegistry) {
  r.registerPath({
    method: "get",
    path: "/api/v1/usage",
    operationId: "getUsage",
    tags: ["Usage"],
    summary: "The month's usage",
    description:
      "Scope `agents:read`. Messages against the monthly limit, token counts, and the same per agent. " +
      "`month` defaults to the current UTC month.",
    request: { query: usageQuerySchema },
    responses: {
      200: {
        description: "The month's usage.",
        content: jsonContent(usageResourceSchema, {
          object: "usage",
          month: "2026-12",
          messages: { used: 412, limit: 1000 },
          tokens: { input: 80_512, output: 12_044 },
          by_agent: [
            {
              agent: { id: "7d0c5e1a-3b8f-4c2d-9e6a-1f2b3c4d5e6f", name: "Support bot" },
              messages: 412,
              input_tokens: 80_512,
              output_tokens: 12_044,
            },
          ],
        }),
      },
      ...problems("insufficient_scope", "validation_failed"),
    },
  });
}
