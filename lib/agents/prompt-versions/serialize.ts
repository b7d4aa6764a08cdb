import type { PromptVersionRow } from "@/db/queries/prompt-versions";

// The public prompt version object of API.md. Internal ids never appear here.
export function toPromptVersionResource(v: PromptVersionRow) {
  return {
    object: "prompt_version" as const,
    version: v.version,
    source: v.source,
    system_prompt: v.systemPrompt,
    created_at: v.createdAt.toISOString(),
    created_by: { type: v.createdByType, name: v.createdByName },
    rationale: v.rationale,
    restored_from_version: v.restoredFromVersion,
    eval:
      v.evalSuiteId && v.evalScore !== null && v.evalPassed !== null
        ? { suite_id: v.evalSuiteId, score: v.evalScore, passed: v.evalPassed }
        : null,
  };
}

export type PromptVersionResource = ReturnType<typeof toPromptVersionResource>;
