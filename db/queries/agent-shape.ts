// The columns and relations every agent read loads: one statement with its persona and
// knowledge pack (Drizzle's relational query compiles `with` into lateral joins).
export const agentColumns = {
  id: true,
  publicId: true,
  organizationId: true,
  name: true,
  description: true,
  industry: true,
  systemPrompt: true,
  optimizedSystemPrompt: true,
  useOptimizedPrompt: true,
  promptVersion: true,
  optimizationStatus: true,
  optimizationError: true,
  optimizationRationale: true,
  optimizationMetadata: true,
  optimizationRequestedAt: true,
  optimizationEventSentAt: true,
  optimizationUpdatedAt: true,
  widgetConfig: true,
  config: true,
  allowedOrigins: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const agentRelations = {
  persona: { columns: { key: true, name: true, description: true } },
  knowledgePack: { columns: { publicId: true, name: true } },
} as const;

export type AgentRow = {
  id: number;
  publicId: string;
  organizationId: number;
  name: string;
  description: string | null;
  industry: string | null;
  systemPrompt: string;
  optimizedSystemPrompt: string | null;
  useOptimizedPrompt: boolean;
  promptVersion: number;
  optimizationStatus: "not_requested" | "pending" | "running" | "succeeded" | "failed" | "skipped";
  optimizationError: string | null;
  optimizationRationale: string | null;
  optimizationMetadata: Record<string, unknown> | null;
  optimizationRequestedAt: Date | null;
  optimizationEventSentAt: Date | null;
  optimizationUpdatedAt: Date | null;
  widgetConfig: Record<string, unknown>;
  config: Record<string, unknown>;
  allowedOrigins: string[];
  status: "active" | "disabled";
  createdAt: Date;
  updatedAt: Date;
  persona: { key: string; name: string; description: string };
  knowledgePack: { publicId: string; name: string } | null;
};
