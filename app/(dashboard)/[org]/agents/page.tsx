import { Bot, Plus } from "lucide-react";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { agentLimit } from "@/lib/plans";

export const metadata: Metadata = { title: "Agents" };

// Minimal Agents page (the foundation's landing page); the agents table lives with the agents feature.
export default async function AgentsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgMembership(slug);
  const canCreate = ADMIN_ROLES.includes(ctx.role);
  const newAgent = canCreate ? (
    <ButtonLink href={`/${ctx.org.slug}/agents/new`}>
      <Plus aria-hidden className="size-4" />
      New agent
    </ButtonLink>
  ) : null;
  return (
    <>
      <PageHeader
        title="Agents"
        description={`${ctx.org.agentCount} of ${agentLimit(ctx.org)} agents used on the ${ctx.org.plan} plan.`}
        actions={ctx.org.agentCount > 0 ? newAgent : null}
      />
      {ctx.org.agentCount === 0 ? (
        <EmptyState
          icon={<Bot className="size-10" aria-hidden />}
          title="No agents yet"
          description={
            canCreate
              ? "Create your first AI chat agent: pick a persona, tune its prompt, and put it on your website with one snippet."
              : "No agents have been created in this organization yet. Ask an admin to create one."
          }
          action={newAgent}
        />
      ) : null}
    </>
  );
}
