import { NonRetriableError, RetryAfterError } from "inngest";
import { LlmPermanentError, LlmTransientError } from "@/lib/llm/optimize-prompt";

/**
 * The flow settings of a function that calls Gemini (optimization, evaluation): at most two runs
 * per organization at a time, so one noisy tenant cannot starve the others, and four retries of a
 * transient error.
 */
export const GEMINI_FUNCTION_LIMITS: { concurrency: [{ key: string; limit: number }]; retries: 4 } = {
  concurrency: [{ key: "event.data.organization_id", limit: 2 }],
  retries: 4,
};

/** Transient Gemini errors are retried (after Retry-After); a rejected request ends the run. */
export async function geminiStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof LlmPermanentError) throw new NonRetriableError(e.message);
    if (e instanceof LlmTransientError && e.retryAfterMs)
      throw new RetryAfterError(e.message, e.retryAfterMs);
    throw e;
  }
}
