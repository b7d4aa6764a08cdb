import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { countOf, DataTable, Td } from "@/components/ui/table";
import { UsageMeter } from "@/components/ui/usage-meter";
import { type OrgPageProps, openOrgPage } from "@/lib/auth/org-context";
import { formatDate } from "@/lib/format-date";
import { listMembers } from "@/lib/organizations/members";
import { agentLimit, PLANS } from "@/lib/plans";
import { AccountCard } from "./_components/account-card";
import { TranscriptSettingsCard } from "./_components/transcript-settings-card";

export const metadata: Metadata = { title: "Settings" };

const ROLE_TONE = { owner: "brand", admin: "blue", member: "gray" } as const;

export default async function SettingsPage(props: OrgPageProps<unknown, { notice?: string }>) {
  const { ctx, search } = await openOrgPage(props);
  const members = await listMembers(ctx.org.id);
  const limit = agentLimit(ctx.org);
  const used = ctx.org.agentCount;
  return (
    <>
      <PageHeader title="Settings" description="Your organization, its plan, its members and your account." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Organization" />
          <CardBody>
            <dl className="grid grid-cols-[8rem_1fr] gap-y-3 text-sm">
              <dt className="text-slate-500">Name</dt>
              <dd className="font-medium text-slate-900">{ctx.org.name}</dd>
              <dt className="text-slate-500">Slug</dt>
              <dd>
                <code className="font-mono text-xs">{ctx.org.slug}</code>
              </dd>
              <dt className="text-slate-500">Organization id</dt>
              <dd>
                <code className="break-all font-mono text-xs">{ctx.org.publicId}</code>
              </dd>
              <dt className="text-slate-500">Your role</dt>
              <dd>
                <Badge tone={ROLE_TONE[ctx.role]}>{ctx.role}</Badge>
              </dd>
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Plan" description={`${PLANS[ctx.org.plan].name} plan`} />
          <CardBody className="space-y-3">
            <p className="text-sm text-slate-900" id="agents-meter-label">
              <span className="text-2xl font-bold">{used}</span> of {limit} agents used
            </p>
            <UsageMeter used={used} limit={limit} labelledBy="agents-meter-label" className="h-2.5" />
            <p className="text-xs text-slate-500">
              {used >= limit
                ? `You have reached the ${PLANS[ctx.org.plan].name} plan's limit. Delete an agent or upgrade to create more.`
                : `${limit - used} more agent${limit - used === 1 ? "" : "s"} can be created on this plan.`}
              {ctx.org.maxAgents !== null ? " (custom limit for this organization)" : ""}
            </p>
          </CardBody>
        </Card>
        <TranscriptSettingsCard org={ctx.org} isOwner={ctx.role === "owner"} />
        <Card className="lg:col-span-2">
          <CardHeader title="Members" description={countOf(members.length, "member")} />
          <DataTable label="Members" columns={["Name", "Email", "Role", "Joined"]}>
            {members.map((m) => (
              <tr key={m.publicId}>
                <Td className="font-medium text-slate-900">{m.name ?? "—"}</Td>
                <Td>{m.email}</Td>
                <Td>
                  <Badge tone={ROLE_TONE[m.role]}>{m.role}</Badge>
                </Td>
                <Td>{formatDate(m.joinedAt)}</Td>
              </tr>
            ))}
          </DataTable>
        </Card>
        <AccountCard user={ctx.user} org={ctx.org.slug} notice={search.notice} />
      </div>
    </>
  );
}
