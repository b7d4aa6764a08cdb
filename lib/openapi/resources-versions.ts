import { z } from "zod";
import { actorTypeEnum, promptVersionSourceEnum } from "@/db/schema/enums";

// Response shapes of the prompt versions API (API.md "Prompt versions and evaluations").

export const promptVersionResourceSchema = z
  .object({
    object: z.literal("prompt_version"),
    version: z.number().int().min(1).describe("1, 2, 3 … per agent, in the order the prompts were made."),
    source: z.enum(promptVersionSourceEnum.enumValues),
    system_prompt: z.string().describe("The full text of this version."),
    created_at: z.iso.datetime().meta({ example: "2026-11-26T08:00:00.000Z" }),
    created_by: z.object({ type: z.enum(actorTypeEnum.enumValues), name: z.string() }),
    rationale: z.string().nullable().describe("Why: the optimizer's rationale, or the restore's reason."),
    restored_from_version: z.number().int().nullable().describe("For `restored`: the version copied."),
    eval: z
      .object({ suite_id: z.string(), score: z.number().min(0).max(1), passed: z.boolean() })
      .nullable()
      .describe("The latest evaluation of this version, if any."),
  })
  .meta({ id: "PromptVersion" });

export const promptVersionListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(promptVersionResourceSchema),
    pagination: z.object({
      limit: z.number().int(),
      has_more: z.boolean(),
      next_cursor: z.string().nullable().describe("Pass as `cursor` for the next (older) page."),
    }),
  })
  .meta({ id: "PromptVersionList" });

export const examplePromptVersion = {
  object: "prompt_version",
  version: 3,
  source: "restored",
  system_prompt: "You are the friendly support agent of Acme. Answer briefly.",
  created_at: "2026-11-26T08:00:00.000Z",
  created_by: { type: "api_key", name: "CI deploy key" },
  rationale: "The edit confused visitors.",
  restored_from_version: 1,
  eval: null,
} as const;
