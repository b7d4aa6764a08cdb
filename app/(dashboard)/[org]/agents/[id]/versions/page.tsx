import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { getAgent } from "@/lib/agents/get-agent";
import { listPromptVersionsForDashboard } from "@/lib/agents/prompt-versions/dashboard";
import type { PromptVersionView } from "@/lib/agents/prompt-versions/types";
import { effectivePrompt } from "@/lib/agents/serialize";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { formatDateTime } from "@/lib/format-date";
import { PromptDiff } from "../_components/prompt-diff";
import { AgentSubpageHeader } from "../_components/subpage-header";
import { RestoreVersionButton } from "./_components/restore-button";

export const metadata: Metadata = { title: "Prompt versions" };

const SOURCE_LABEL = { created: "Created", edited: "Edited", optimized: "Optimized", restored: "Restored" };
const AUTHOR_KIND = { user: "", api_key: "API key ", system: "" };

// The version timeline, a compare of any two versions (?a=&b=, a plain GET form) and restore.
export default async function PromptVersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; id: string }>;
  searchParams: Promise<{ a?: string; b?: string }>;
}) {
  const { org: slug, id } = await params;
  const query = await searchParams;
  const ctx = await requireOrgMembership(slug);
  const agent = await getAgent(ctx.org.id, id);
  if (!agent) notFound();
  const page = await listPromptVersionsForDashboard(ctx.org.id, agent.publicId);
  if (!page) notFound();
  const { versions } = page;
  const canEdit = ADMIN_ROLES.includes(ctx.role);
  // The newest version with the text the agent answers with.
  const inUse = effectivePrompt(agent);
  const inUseVersion = versions.find((x) => x.systemPrompt === inUse)?.version;
  const byNumber = new Map(versions.map((v) => [v.version, v]));
  // Default compare: the previous version against the newest one.
  const b = byNumber.get(Number(query.b)) ?? versions[0];
  const a = byNumber.get(Number(query.a)) ?? versions[1] ?? versions[0];
  const org = ctx.org.slug;

  return (
    <>
      <AgentSubpageHeader
        org={org}
        agent={agent}
        title="Prompt versions"
        description="Every prompt this agent has had. Restoring makes a new version; nothing is ever lost."
      />
      <div className="space-y-6">
        {a && b ? (
          <Card>
            <CardHeader
              title="Compare"
              description="Words removed from the left version are struck out; words added in the right one are highlighted."
            />
            <CardBody>
              <form method="get" className="flex flex-wrap items-end gap-3">
                <VersionSelect name="a" label="Left" versions={versions} selected={a.version} />
                <VersionSelect name="b" label="Right" versions={versions} selected={b.version} />
                <Button type="submit" variant="secondary">
                  Compare
                </Button>
              </form>
            </CardBody>
            <PromptDiff
              left={{
                id: "version-a",
                title: `Version ${a.version}`,
                text: a.systemPrompt,
                testId: "version-a",
              }}
              right={{
                id: "version-b",
                title: `Version ${b.version}`,
                text: b.systemPrompt,
                testId: "version-b",
              }}
            />
          </Card>
        ) : null}
        <Card>
          <CardHeader
            title="Timeline"
            description={`${versions.length} version${versions.length === 1 ? "" : "s"}, newest first.`}
          />
          <ol className="divide-y divide-slate-200" data-testid="version-timeline">
            {versions.map((v) => (
              <li
                key={v.version}
                className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 sm:px-6"
              >
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                    Version {v.version}
                    <Badge>{SOURCE_LABEL[v.source]}</Badge>
                    {v.version === inUseVersion ? <Badge tone="green">In use</Badge> : null}
                  </p>
                  <p className="mt-1 text-sm text-slate-600">
                    {AUTHOR_KIND[v.createdByType]}
                    {v.createdByName} ·{" "}
                    <time dateTime={v.createdAt.toISOString()}>{formatDateTime(v.createdAt)}</time>
                    {v.restoredFromVersion ? ` · from version ${v.restoredFromVersion}` : null}
                    {v.evalScore !== null
                      ? ` · score ${v.evalScore.toFixed(2)}${v.evalPassed ? "" : " (broke a must-not)"}`
                      : null}
                  </p>
                  {v.rationale ? (
                    <p className="mt-1 max-w-prose text-sm text-slate-700">{v.rationale}</p>
                  ) : null}
                </div>
                {canEdit && v.version !== inUseVersion ? (
                  <RestoreVersionButton org={org} agentId={agent.publicId} version={v.version} />
                ) : null}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}

function VersionSelect({
  name,
  label,
  versions,
  selected,
}: {
  name: string;
  label: string;
  versions: PromptVersionView[];
  selected: number;
}) {
  return (
    <div className="text-sm font-medium text-slate-700">
      <label htmlFor={`compare-${name}`}>{label}</label>
      <Select id={`compare-${name}`} name={name} defaultValue={String(selected)} className="mt-1 block w-48">
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version} ({SOURCE_LABEL[v.source].toLowerCase()})
          </option>
        ))}
      </Select>
    </div>
  );
}
