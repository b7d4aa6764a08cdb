import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listAgentActivity, listKnowledgePackOptions } from "@/lib/agents/dashboard-agents";
import { getAgent } from "@/lib/agents/get-agent";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { loadAgentConversations } from "@/lib/conversations/dashboard";
import { effectiveModel, modelChoice } from "@/lib/models";
import { PERSONAS } from "@/lib/personas";
import { PLANS } from "@/lib/plans";
import { WIDGET_POSITIONS, WIDGET_THEMES } from "@/lib/validations/agent";
import { OptimizationBadge } from "../_components/optimization-badge";
import { AgentActivity } from "./_components/agent-activity";
import { AgentConversations } from "./_components/agent-conversations";
import { AgentOverview } from "./_components/agent-overview";
import { DeleteAgentButton } from "./_components/delete-agent-button";
import { EditAgentForm } from "./_components/edit-agent-form";
import { OptimizationPanel } from "./_components/optimization-panel";
import { optimizationViewOf } from "./_components/optimization-view";
import { PromptComparison } from "./_components/prompt-comparison";

export const metadata: Metadata = { title: "Agent" };

// Composed of small sections so the optimization panel and the embed link are one-line additions.
export default async function AgentDetailPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await requireOrgMembership(slug);
  const agent = await getAgent(ctx.org.id, id);
  if (!agent) notFound();
  const canEdit = ADMIN_ROLES.includes(ctx.role);
  const [events, packs, conversations] = await Promise.all([
    listAgentActivity(ctx.org.id, agent.publicId),
    canEdit ? listKnowledgePackOptions(ctx.org.id) : Promise.resolve([]),
    loadAgentConversations(ctx.org.id, agent),
  ]);
  const widget = agent.widgetConfig as { theme?: string; position?: string; welcome_message?: string | null };
  const org = ctx.org.slug;
  const model = { ...effectiveModel(agent.config, ctx.org.plan), planName: PLANS[ctx.org.plan].name };

  return (
    <>
      <Link
        href={`/${org}/agents`}
        className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-slate-600 hover:text-slate-900"
      >
        <ArrowLeft aria-hidden className="size-4" />
        All agents
      </Link>
      <PageHeader
        title={agent.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {agent.persona.name} · prompt v{agent.promptVersion}{" "}
            <OptimizationBadge status={agent.optimizationStatus} />
          </span>
        }
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <ButtonLink href={`/${org}/agents/${agent.publicId}/versions`} variant="secondary">
              Version history
            </ButtonLink>
            <ButtonLink href={`/${org}/agents/${agent.publicId}/evals`} variant="secondary">
              Evaluation
            </ButtonLink>
            <ButtonLink href={`/${org}/agents/${agent.publicId}/embed`} variant="secondary">
              Embed on your site
            </ButtonLink>
            {canEdit ? <DeleteAgentButton org={org} agentId={agent.publicId} agentName={agent.name} /> : null}
          </div>
        }
      />
      <div className="space-y-6">
        <AgentOverview agent={agent} model={model} />
        <OptimizationPanel org={org} view={optimizationViewOf(agent)} canEdit={canEdit} />
        <PromptComparison
          original={agent.systemPrompt}
          optimized={agent.optimizedSystemPrompt}
          usingOptimized={agent.useOptimizedPrompt && Boolean(agent.optimizedSystemPrompt)}
          version={agent.promptVersion}
        />
        {canEdit ? (
          <EditAgentForm
            org={org}
            agent={{
              id: agent.publicId,
              name: agent.name,
              description: agent.description,
              industry: agent.industry,
              personaKey: agent.persona.key,
              knowledgePackId: agent.knowledgePack?.publicId ?? null,
              systemPrompt: agent.systemPrompt,
              status: agent.status,
              identityVerification: agent.identityVerification,
              allowedOrigins: agent.allowedOrigins,
              theme: widget.theme ?? "modern",
              position: widget.position ?? "bottom-right",
              welcomeMessage: widget.welcome_message ?? null,
              model: model.fallback ? "" : (model.configured ?? ""),
            }}
            personas={PERSONAS.map((p) => ({ value: p.key, label: p.name }))}
            packs={packs.map((p) => ({ value: p.id, label: p.name }))}
            themes={WIDGET_THEMES}
            positions={WIDGET_POSITIONS}
            models={modelChoice(ctx.org.plan)}
          />
        ) : null}
        <AgentConversations org={org} agentId={agent.publicId} {...conversations} />
        <AgentActivity events={events} />
      </div>
    </>
  );
}
