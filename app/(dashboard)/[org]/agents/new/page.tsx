import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { listKnowledgePackOptions } from "@/lib/agents/dashboard-agents";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { isGeminiConfigured } from "@/lib/env";
import { modelChoice } from "@/lib/models";
import { PERSONAS } from "@/lib/personas";
import { agentLimit } from "@/lib/plans";
import { AgentsMeter } from "./_components/agents-meter";
import { CannotCreate } from "./_components/cannot-create";
import { NewAgentForm } from "./_components/new-agent-form";

export const metadata: Metadata = { title: "New agent" };

export default async function NewAgentPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgMembership(slug);
  const limit = agentLimit(ctx.org);
  const used = ctx.org.agentCount;
  const header = (
    <PageHeader
      title="New agent"
      description="Pick a persona, tune its prompt and widget, then paste one snippet on your site."
      actions={<AgentsMeter used={used} limit={limit} plan={ctx.org.plan} />}
    />
  );
  if (!ADMIN_ROLES.includes(ctx.role)) {
    return (
      <>
        {header}
        <CannotCreate reason="role" org={ctx.org} used={used} limit={limit} />
      </>
    );
  }
  if (used >= limit) {
    return (
      <>
        {header}
        <CannotCreate reason="limit" org={ctx.org} used={used} limit={limit} />
      </>
    );
  }
  const packs = await listKnowledgePackOptions(ctx.org.id);
  return (
    <>
      {header}
      <NewAgentForm
        org={ctx.org.slug}
        // A fresh key per rendered form: every submit of this form is the same create.
        idempotencyKey={`form-${randomUUID()}`}
        personas={PERSONAS.map((p) => ({
          key: p.key,
          name: p.name,
          description: p.description,
          tone: p.tone,
          prompt: p.defaultSystemPrompt,
        }))}
        knowledgePacks={packs}
        geminiConfigured={isGeminiConfigured()}
        models={modelChoice(ctx.org.plan)}
      />
    </>
  );
}
