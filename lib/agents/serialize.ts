import type { AgentRow } from "@/db/queries/agent-read";

// The public agent object of API.md. Internal ids never appear here.
export function toAgentResource(a: AgentRow) {
  return {
    object: "agent" as const,
    id: a.publicId,
    name: a.name,
    description: a.description,
    industry: a.industry,
    persona: { key: a.persona.key, name: a.persona.name, description: a.persona.description },
    knowledge_pack: a.knowledgePack ? { id: a.knowledgePack.publicId, name: a.knowledgePack.name } : null,
    system_prompt: a.systemPrompt,
    optimized_system_prompt: a.optimizedSystemPrompt,
    use_optimized_prompt: a.useOptimizedPrompt,
    prompt_version: a.promptVersion,
    optimization: {
      status: a.optimizationStatus,
      error: a.optimizationError,
      rationale: a.optimizationRationale,
      updated_at: (a.optimizationUpdatedAt ?? a.updatedAt).toISOString(),
    },
    optimization_pending: a.optimizationStatus === "pending" || a.optimizationStatus === "running",
    widget_config: a.widgetConfig,
    config: a.config,
    allowed_origins: a.allowedOrigins,
    identity_verification: a.identityVerification,
    status: a.status,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

export type AgentResource = ReturnType<typeof toAgentResource>;

/** The prompt the agent actually answers with. */
export function effectivePrompt(
  a: Pick<AgentRow, "systemPrompt" | "optimizedSystemPrompt" | "useOptimizedPrompt">,
) {
  return a.useOptimizedPrompt && a.optimizedSystemPrompt ? a.optimizedSystemPrompt : a.systemPrompt;
}

// Postgres's text form of a timestamptz in UTC sessions: "2026-12-01 15:40:20.123456+00".
const PG_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/** The ISO form `Date#toISOString` gives (ms, truncated), without a Date for the common case. */
export function isoTimestamp(v: string | Date): string {
  if (typeof v !== "string") return v.toISOString();
  const m = PG_UTC.exec(v);
  if (!m) return new Date(v).toISOString();
  return `${m[1]}T${m[2]}.${`${m[3] ?? ""}000`.slice(0, 3)}Z`;
}
