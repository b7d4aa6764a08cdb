import type { AgentRow } from "@/lib/agents/types";
import type { OptimizationView } from "./optimization-panel";

/** The few serializable fields the client panel needs (no ids beyond the public one). */
export function optimizationViewOf(agent: AgentRow): OptimizationView {
  return {
    id: agent.publicId,
    status: agent.optimizationStatus,
    error: agent.optimizationError,
    rationale: agent.optimizationRationale,
    metadata: agent.optimizationMetadata,
    hasOptimized: Boolean(agent.optimizedSystemPrompt),
    useOptimized: agent.useOptimizedPrompt,
    updatedAt: (agent.optimizationUpdatedAt ?? agent.updatedAt).toISOString(),
  };
}
