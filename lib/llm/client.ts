import { GoogleGenAI } from "@google/genai";
import { getEnv } from "@/lib/env";

// One Gemini client per process; undefined when GEMINI_API_KEY is unset (optimization is
// then `skipped` and chat answers `llm_not_configured`). GEMINI_BASE_URL points tests and
// local runs at the fake Gemini server.
const g = globalThis as unknown as { __youragentGemini?: GoogleGenAI };

export function geminiClient(): GoogleGenAI | undefined {
  const env = getEnv();
  if (!env.GEMINI_API_KEY) return undefined;
  g.__youragentGemini ??= new GoogleGenAI({
    apiKey: env.GEMINI_API_KEY,
    httpOptions: {
      ...(env.GEMINI_BASE_URL ? { baseUrl: env.GEMINI_BASE_URL } : {}),
      timeout: env.GEMINI_TIMEOUT_MS,
    },
  });
  return g.__youragentGemini;
}

/** Tests switch the fake server or key between cases. */
export function resetGeminiClient(): void {
  g.__youragentGemini = undefined;
}
