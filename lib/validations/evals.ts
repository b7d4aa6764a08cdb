import { z } from "zod";
import { MAX_VERSION } from "./pagination";
import { findUnstorableText } from "./storable-text";

// Evaluation suites and runs (API.md "Prompt versions and evaluations").
export const MAX_EVAL_CASES = 200;
export const MAX_EXPECTATIONS = 10;
export const MAX_MUST_NOTS = 10;
export const MAX_EVAL_INPUT_CHARS = 2_000;
export const MAX_EXPECTATION_CHARS = 500;
/** The suite body may be far larger than the default body cap: 200 cases of up to 20 texts. */
export const EVAL_SUITE_MAX_BYTES = 1024 * 1024;

const storable = (s: string) => !findUnstorableText(s).length;
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string.` })
    .trim()
    .min(1, `${what} must not be empty.`)
    .max(max, `${what} must be at most ${max} characters.`)
    .refine(storable, `${what} contains characters that cannot be stored.`);

export const evalCaseInputSchema = z.strictObject({
  id: z
    .string({ error: "id must be a string." })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "id must be 1–64 letters, digits, '-' or '_'.")
    .optional(),
  input: text("input", MAX_EVAL_INPUT_CHARS),
  expectations: z
    .array(text("expectation", MAX_EXPECTATION_CHARS), { error: "expectations must be an array of strings." })
    .min(1, "Give at least one expectation.")
    .max(MAX_EXPECTATIONS, `At most ${MAX_EXPECTATIONS} expectations per case.`),
  must_not: z
    .array(text("must_not", MAX_EXPECTATION_CHARS), { error: "must_not must be an array of strings." })
    .max(MAX_MUST_NOTS, `At most ${MAX_MUST_NOTS} must-nots per case.`)
    .default([]),
});

export const putEvalSuiteSchema = z.strictObject({
  cases: z
    .array(evalCaseInputSchema, { error: "cases must be an array." })
    .min(1, "A suite needs at least one case.")
    .max(MAX_EVAL_CASES, `A suite has at most ${MAX_EVAL_CASES} cases.`)
    .refine((cases) => {
      const ids = cases.flatMap((c) => (c.id ? [c.id] : []));
      return new Set(ids).size === ids.length;
    }, "Case ids must be unique."),
});
export type PutEvalSuiteInput = z.infer<typeof putEvalSuiteSchema>;

export const startEvalRunSchema = z.strictObject({
  version: z
    .number({ error: "version must be an integer." })
    .int("version must be an integer.")
    .min(1, "version must be a version number.")
    .max(MAX_VERSION, "version must be a version number.")
    .optional(),
});
export type StartEvalRunInput = z.infer<typeof startEvalRunSchema>;
