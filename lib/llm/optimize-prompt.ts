import { ApiError, Type } from "@google/genai";
import { z } from "zod";
import { geminiClient } from "@/lib/llm/client";

// Asks Gemini for an improved system prompt as structured JSON, then validates it hard:
// whatever comes back is shown to admins and may become what the agent answers with.
export const MAX_PROMPT_CHARS = 20_000;
const MAX_RATIONALE_CHARS = 2_000;

/** Worth retrying: 429, 5xx, timeouts, network failures. */
export class LlmTransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "LlmTransientError";
  }
}

/** Retrying cannot help: bad output, a rejected request, a missing key. */
export class LlmPermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LlmPermanentError";
  }
}

export type OptimizationInput = {
  systemPrompt: string;
  agentName: string;
  personaName: string;
  industry: string | null;
  description: string | null;
  config: Record<string, unknown>;
  /** The plan's effective model (lib/models.ts). */
  model: string;
};

/** Gemini's raw answer: validated separately so a bad answer can be told apart from a failed call. */
export type RawOptimization = {
  text: string;
  metadata: {
    model: string;
    latency_ms: number;
    prompt_tokens: number | null;
    output_tokens: number | null;
    total_tokens: number | null;
  };
};

const responseSchema = {
  type: Type.OBJECT,
  properties: {
    optimized_prompt: { type: Type.STRING, description: "The improved system prompt, plain text." },
    rationale: { type: Type.STRING, description: "One or two sentences: what changed and why." },
  },
  required: ["optimized_prompt", "rationale"],
  propertyOrdering: ["optimized_prompt", "rationale"],
};

function instructions(input: OptimizationInput): string {
  return [
    "You are an expert prompt engineer. The user message is the system prompt of a customer-facing chat agent.",
    "Rewrite it so the agent is clearer, safer and more helpful, keeping the owner's intent, facts, tone and language.",
    `Context: agent "${input.agentName}", persona "${input.personaName}"${input.industry ? `, industry "${input.industry}"` : ""}${input.description ? `, purpose: ${input.description}` : ""}.`,
    `Answer with JSON only: optimized_prompt (plain text, no HTML or XML tags, no code fences, at most ${MAX_PROMPT_CHARS} characters) and rationale (one or two sentences).`,
  ].join("\n");
}

export type OptimizationOutput = {
  optimizedPrompt: string;
  rationale: string;
  metadata: RawOptimization["metadata"];
};

export async function requestPromptOptimization(input: OptimizationInput): Promise<RawOptimization> {
  const ai = geminiClient();
  if (!ai) throw new LlmPermanentError("GEMINI_API_KEY is not configured");
  const model = input.model;
  const started = performance.now();
  let response: Awaited<ReturnType<typeof ai.models.generateContent>>;
  try {
    response = await ai.models.generateContent({
      model,
      contents: input.systemPrompt,
      config: {
        systemInstruction: instructions(input),
        responseMimeType: "application/json",
        responseSchema,
        temperature: 0.4,
      },
    });
  } catch (e) {
    throw classifyGeminiError(e);
  }
  const latency = Math.round(performance.now() - started);
  return {
    text: response.text ?? "",
    metadata: {
      model: response.modelVersion ?? model,
      latency_ms: latency,
      prompt_tokens: response.usageMetadata?.promptTokenCount ?? null,
      output_tokens: response.usageMetadata?.candidatesTokenCount ?? null,
      total_tokens: response.usageMetadata?.totalTokenCount ?? null,
    },
  };
}

export function classifyGeminiError(e: unknown): Error {
  if (e instanceof ApiError) {
    const detail = googleMessage(e.message);
    if (e.status === 429) return new LlmTransientError(`Gemini rate limit (429): ${detail}`, 30_000);
    if (e.status >= 500) return new LlmTransientError(`Gemini error ${e.status}: ${detail}`);
    if (e.status === 408) return new LlmTransientError(`Gemini timeout (408): ${detail}`);
    return new LlmPermanentError(`Gemini rejected the request (${e.status}): ${detail}`);
  }
  const err = e instanceof Error ? e : new Error(String(e));
  if (err.name === "AbortError" || err.name === "TimeoutError" || /abort|timed? ?out/i.test(err.message)) {
    return new LlmTransientError("Gemini did not answer in time.");
  }
  return new LlmTransientError(`Gemini unreachable: ${err.message}`);
}

/** Google errors arrive as a JSON body in the message; keep only its human part. */
function googleMessage(raw: string): string {
  try {
    const parsed = JSON.parse(raw) as { error?: { message?: string } };
    return (parsed.error?.message ?? raw).slice(0, 300);
  } catch {
    return raw.slice(0, 300);
  }
}

const outputShape = z.object({ optimized_prompt: z.string(), rationale: z.string() });
// Tags (<b>, </div>, <script …>) and code fences: a system prompt is plain text.
const MARKUP = /<\/?[a-z!][^>]*>|```/i;

/** Throws LlmPermanentError with a reason an admin can read. */
export function validateOptimizationOutput(text: string): { optimizedPrompt: string; rationale: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LlmPermanentError("Gemini returned output that is not valid JSON.");
  }
  const shape = outputShape.safeParse(json);
  if (!shape.success) {
    throw new LlmPermanentError("Gemini returned JSON without optimized_prompt and rationale strings.");
  }
  const optimizedPrompt = shape.data.optimized_prompt.trim();
  const rationale = shape.data.rationale.trim();
  if (!optimizedPrompt) throw new LlmPermanentError("Gemini returned an empty prompt.");
  if (optimizedPrompt.length > MAX_PROMPT_CHARS) {
    throw new LlmPermanentError(
      `Gemini returned a prompt of ${optimizedPrompt.length} characters (limit ${MAX_PROMPT_CHARS}).`,
    );
  }
  if (MARKUP.test(optimizedPrompt))
    throw new LlmPermanentError("Gemini returned a prompt containing markup.");
  if (!rationale) throw new LlmPermanentError("Gemini returned an empty rationale.");
  if (rationale.length > MAX_RATIONALE_CHARS || MARKUP.test(rationale)) {
    throw new LlmPermanentError("Gemini returned an unusable rationale (too long or containing markup).");
  }
  return { optimizedPrompt, rationale };
}
