import { Type } from "@google/genai";
import { z } from "zod";
import type { EvalCase, EvalVerdict } from "@/db/schema";
import { geminiClient } from "@/lib/llm/client";
import { classifyGeminiError, LlmPermanentError } from "@/lib/llm/optimize-prompt";

// The two Gemini calls of one evaluation case: the agent answers the visitor's question, then a
// judge rates every expectation and must-not of the case in one structured answer.
export const GEMINI_CALLS_PER_CASE = 2;

/** The agent's reply to the case's question, with the same system instruction chat uses. */
export async function answerCase(opts: {
  systemInstruction: string;
  config: Record<string, unknown>;
  /** The plan's effective model (lib/models.ts), the one chat would answer with. */
  model: string;
  input: string;
}): Promise<string> {
  const ai = geminiClient();
  if (!ai) throw new LlmPermanentError("GEMINI_API_KEY is not configured");
  const cfg = opts.config;
  try {
    const response = await ai.models.generateContent({
      model: opts.model,
      contents: [{ role: "user", parts: [{ text: opts.input }] }],
      config: {
        systemInstruction: opts.systemInstruction,
        ...(typeof cfg.temperature === "number" ? { temperature: cfg.temperature } : {}),
        ...(typeof cfg.max_output_tokens === "number" ? { maxOutputTokens: cfg.max_output_tokens } : {}),
      },
    });
    return (response.text ?? "").slice(0, 20_000);
  } catch (e) {
    throw classifyGeminiError(e);
  }
}

const JUDGE_INSTRUCTIONS = [
  "You are an evaluation judge for a customer-facing chat agent.",
  "The user message is JSON: the visitor's question, the agent's reply, and criteria with ids.",
  "For a criterion of kind `expectation`, satisfied means the reply does what it says.",
  "For a criterion of kind `must_not`, satisfied means the reply does NOT do what it says.",
  "Judge only the reply. Answer with JSON only: one verdict per criterion id, with a one-line reason.",
].join("\n");

const judgeSchema = {
  type: Type.OBJECT,
  properties: {
    verdicts: {
      type: Type.ARRAY,
      items: {
        type: Type.OBJECT,
        properties: {
          id: { type: Type.STRING },
          satisfied: { type: Type.BOOLEAN },
          reason: { type: Type.STRING, description: "One line: why." },
        },
        required: ["id", "satisfied", "reason"],
        propertyOrdering: ["id", "satisfied", "reason"],
      },
    },
  },
  required: ["verdicts"],
};

const judgeOutput = z.object({
  verdicts: z.array(z.object({ id: z.string(), satisfied: z.boolean(), reason: z.string() })),
});

type Criterion = { id: string; kind: EvalVerdict["kind"]; text: string };

function criteriaOf(c: EvalCase): Criterion[] {
  return [
    ...c.expectations.map((text, i) => ({ id: `e${i + 1}`, kind: "expectation" as const, text })),
    ...c.must_not.map((text, i) => ({ id: `m${i + 1}`, kind: "must_not" as const, text })),
  ];
}

/** One verdict per expectation and must-not, in the case's order. */
export async function judgeCase(c: EvalCase, reply: string, model: string) {
  const ai = geminiClient();
  if (!ai) throw new LlmPermanentError("GEMINI_API_KEY is not configured");
  const criteria = criteriaOf(c);
  let text: string;
  try {
    const response = await ai.models.generateContent({
      model,
      contents: JSON.stringify({ question: c.input, reply, criteria }),
      config: {
        systemInstruction: JUDGE_INSTRUCTIONS,
        responseMimeType: "application/json",
        responseSchema: judgeSchema,
        temperature: 0,
      },
    });
    text = response.text ?? "";
  } catch (e) {
    throw classifyGeminiError(e);
  }
  let parsed: z.infer<typeof judgeOutput>;
  try {
    parsed = judgeOutput.parse(JSON.parse(text));
  } catch {
    throw new LlmPermanentError("The judge returned output that is not the verdict JSON.");
  }
  const byId = new Map(parsed.verdicts.map((v) => [v.id, v]));
  return criteria.map((cr): EvalVerdict => {
    const v = byId.get(cr.id);
    if (!v) throw new LlmPermanentError(`The judge gave no verdict for criterion ${cr.id}.`);
    return { text: cr.text, kind: cr.kind, met: v.satisfied, reason: v.reason.split("\n")[0]!.slice(0, 300) };
  });
}

/**
 * A case's score is the share of its expectations met; a broken must-not fails the case
 * (score 0, not passed). A case passes when every expectation is met and no must-not is broken.
 */
export function scoreCase(verdicts: EvalVerdict[]) {
  const expectations = verdicts.filter((v) => v.kind === "expectation");
  const met = expectations.filter((v) => v.met).length;
  const brokeMustNot = verdicts.some((v) => v.kind === "must_not" && !v.met);
  return {
    met: brokeMustNot ? 0 : met,
    total: expectations.length,
    score: brokeMustNot || expectations.length === 0 ? 0 : met / expectations.length,
    passed: !brokeMustNot && met === expectations.length,
    brokeMustNot,
  };
}
