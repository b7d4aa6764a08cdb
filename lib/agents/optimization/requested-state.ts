import { isGeminiConfigured } from "@/lib/env";

export const NOT_CONFIGURED_REASON = "GEMINI_API_KEY is not configured";

/**
 * The optimization state a new prompt version starts in, on create and on a prompt edit:
 * `pending` when asked for and Gemini is configured, `skipped` (with the reason) without a key,
 * `not_requested` when turned off.
 */
export function requestedOptimizationState(autoOptimize: boolean) {
  if (!autoOptimize) return { optimizationStatus: "not_requested" as const, optimizationRequestedAt: null };
  if (!isGeminiConfigured()) {
    return {
      optimizationStatus: "skipped" as const,
      optimizationError: NOT_CONFIGURED_REASON,
      optimizationUpdatedAt: new Date(),
    };
  }
  return { optimizationStatus: "pending" as const, optimizationRequestedAt: new Date() };
}
