import { Bot, Plus, SearchX } from "lucide-react";
import type { Metadata } from "next";
import { RefreshWhilePending } from "@/components/refresh-while-pending";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAgentsForDashboard, parseAgentsPageSearch } from "@/lib/agents/dashboard-agents";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { agentLimit } from "@/lib/plans";
import { AgentsFilters } from "./_components/agents-filters";
import { AgentsPagination } from "./_components/agents-pagination";
import { AgentsTable } from "./_components/agents-table";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireOrgMembership(slug);
  const raw = await searchParams;
  const search = parseAgentsPageSearch(raw);
  const deleted = typeof raw.deleted === "string" ? raw.deleted.slice(0, 100) : undefined;
  const canCreate = ADMIN_ROLES.includes(ctx.role);
  const limit = agentLimit(ctx.org);
  const newAgent = canCreate ? (
    <ButtonLink href={`/${ctx.org.slug}/agents/new`}>
      <Plus aria-hidden className="size-4" />
      New agent
    </ButtonLink>
  ) : null;
  const header = (
    <PageHeader
      title="Agents"
      description={
        <span data-testid="agents-usage">
          {ctx.org.agentCount} of {limit} agents used on the {ctx.org.plan} plan.
        </span>
      }
      actions={ctx.org.agentCount > 0 ? newAgent : null}
    />
  );

  if (ctx.org.agentCount === 0 && !search.q && !search.qError && !search.persona && !search.status) {
    return (
      <>
        {header}
        {deleted ? (
          <Alert tone="success" className="mb-4">
            Deleted “{deleted}”.
          </Alert>
        ) : null}
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
      </>
    );
  }

  const { rows, total, hasMore } = await listAgentsForDashboard(ctx.org.id, search);
  return (
    <>
      {header}
      <RefreshWhilePending
        active={rows.some((r) => r.optimizationStatus === "pending" || r.optimizationStatus === "running")}
      />
      {deleted ? (
        <Alert tone="success" className="mb-4">
          Deleted “{deleted}”.
        </Alert>
      ) : null}
      {search.qError ? (
        <Alert tone="error" className="mb-4">
          {search.qError}
        </Alert>
      ) : null}
      <AgentsFilters org={ctx.org.slug} search={search} />
      {rows.length === 0 ? (
        <EmptyState
          icon={<SearchX className="size-10" aria-hidden />}
          title={total === 0 ? "No agents match these filters" : "This page is empty"}
          description="Try another name or clear the filters."
        />
      ) : (
        <AgentsTable org={ctx.org.slug} rows={rows} />
      )}
      <AgentsPagination
        org={ctx.org.slug}
        search={search}
        shown={rows.length}
        total={total}
        hasMore={hasMore}
      />
    </>
  );
}
