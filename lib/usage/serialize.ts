import type { UsageReport } from "./types";

/** The API's `usage` object (API.md "Usage and cost control"). */
export function toUsageResource(r: UsageReport) {
  return {
    object: "usage" as const,
    month: r.month,
    messages: r.messages,
    tokens: r.tokens,
    by_agent: r.byAgent.map((a) => ({
      agent: a.agent,
      messages: a.messages,
      input_tokens: a.inputTokens,
      output_tokens: a.outputTokens,
    })),
  };
}
