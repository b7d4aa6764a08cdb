import { z } from "zod";
import { evalRunPurposeEnum, evalRunStatusEnum } from "@/db/schema/enums";

// Response shapes of the evaluation API (API.md "Prompt versions and evaluations").

const evalCase = z.object({
  id: z.string(),
  input: z.string().describe("The visitor's question."),
  expectations: z.array(z.string()).describe("What a good reply does (1–10)."),
  must_not: z.array(z.string()).describe("What the reply must never do; any broken one fails the case."),
});

export const evalSuiteResourceSchema = z
  .object({
    object: z.literal("eval_suite"),
    id: z.uuid().nullable().describe("null until the first PUT."),
    agent_id: z.uuid(),
    revision: z.number().int().min(0).describe("Grows with every PUT; a score is tied to one revision."),
    cases: z.array(evalCase),
    updated_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "EvalSuite" });

export const evalRunResourceSchema = z
  .object({
    object: z.literal("eval_run"),
    id: z.uuid(),
    status: z.enum(evalRunStatusEnum.enumValues),
    purpose: z.enum(evalRunPurposeEnum.enumValues).describe("`gate`: started by an optimization result."),
    version: z
      .number()
      .int()
      .nullable()
      .describe("The prompt version evaluated (null for a gate candidate)."),
    suite_revision: z.number().int(),
    score: z.number().min(0).max(1).nullable().describe("Share of expectations met; null until succeeded."),
    passed: z.boolean().nullable().describe("false when any must_not was broken."),
    error: z.string().nullable(),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    expected_gemini_calls: z.number().int().describe("Two per case: the answer and the judge."),
    created_at: z.iso.datetime(),
    finished_at: z.iso.datetime().nullable(),
    cases: z.array(
      z.object({
        case_id: z.string(),
        input: z.string(),
        reply: z.string(),
        score: z.number().min(0).max(1),
        passed: z.boolean(),
        verdicts: z.array(
          z.object({
            kind: z.enum(["expectation", "must_not"]),
            text: z.string(),
            met: z.boolean().describe("For a must_not: true when the reply did not do it."),
            reason: z.string().describe("The judge's one-line reason."),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "EvalRun" });

export const exampleEvalSuite = {
  object: "eval_suite",
  id: "5b1f7c2e-8d4a-4e3b-9f6a-2c1d0e9b8a7f",
  agent_id: "7d0c5e1a-3b8f-4c2d-9e6a-1f2b3c4d5e6f",
  revision: 2,
  cases: [
    {
      id: "returns",
      input: "Can I return my boots?",
      expectations: ["mentions the 30-day return window"],
      must_not: ["promises a refund"],
    },
  ],
  updated_at: "2026-11-26T08:00:00.000Z",
} as const;

export const exampleEvalRun = {
  object: "eval_run",
  id: "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
  status: "succeeded",
  purpose: "manual",
  version: 3,
  suite_revision: 2,
  score: 1,
  passed: true,
  error: null,
  progress: { done: 1, total: 1 },
  expected_gemini_calls: 2,
  created_at: "2026-11-26T08:00:00.000Z",
  finished_at: "2026-11-26T08:00:09.000Z",
  cases: [
    {
      case_id: "returns",
      input: "Can I return my boots?",
      reply: "Yes, within 30 days of delivery.",
      score: 1,
      passed: true,
      verdicts: [
        {
          kind: "expectation",
          text: "mentions the 30-day return window",
          met: true,
          reason: "It says 30 days.",
        },
        { kind: "must_not", text: "promises a refund", met: true, reason: "No refund is promised." },
      ],
    },
  ],
} as const;
