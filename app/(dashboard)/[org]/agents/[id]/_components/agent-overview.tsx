import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AgentRow } from "@/lib/agents/types";
import { formatDateTime } from "@/lib/format-date";
import { OptimizationBadge } from "../../_components/optimization-badge";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** The model chat uses; `fallback` when the stored one is outside the org's plan. */
export type ModelInUse = {
  model: string;
  configured: string | undefined;
  fallback: boolean;
  planName: string;
};

export function AgentOverview({ agent, model }: { agent: AgentRow; model: ModelInUse }) {
  const widget = agent.widgetConfig as { theme?: string; position?: string; welcome_message?: string | null };
  return (
    <Card>
      <CardHeader title="Settings" />
      <CardBody className="space-y-4">
        {model.fallback ? (
          <Alert tone="warning">
            This agent is set to {model.configured}, which the {model.planName} plan does not include, so it
            answers with {model.model}. Choose one of the plan's models below, or upgrade the plan.
          </Alert>
        ) : null}
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Item label="Status">
            <Badge tone={agent.status === "active" ? "green" : "gray"}>{agent.status}</Badge>
          </Item>
          <Item label="Optimization">
            <OptimizationBadge status={agent.optimizationStatus} />
            {agent.optimizationError ? (
              <span className="mt-1 block text-xs text-slate-500">{agent.optimizationError}</span>
            ) : null}
          </Item>
          <Item label="Prompt version">{agent.promptVersion}</Item>
          <Item label="Model">{model.model}</Item>
          <Item label="Persona">{agent.persona.name}</Item>
          <Item label="Knowledge pack">{agent.knowledgePack?.name ?? "None"}</Item>
          <Item label="Industry">{agent.industry ?? "—"}</Item>
          <Item label="Widget">
            {widget.theme ?? "modern"}, {widget.position ?? "bottom-right"}
          </Item>
          <Item label="Allowed origins">
            {agent.allowedOrigins.length ? agent.allowedOrigins.join(", ") : "This site only (none set)"}
          </Item>
          <Item label="Created">{formatDateTime(agent.createdAt)}</Item>
          {agent.description ? (
            <div className="sm:col-span-2 lg:col-span-3">
              <Item label="Description">{agent.description}</Item>
            </div>
          ) : null}
        </dl>
      </CardBody>
    </Card>
  );
}
