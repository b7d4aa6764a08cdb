import { KeyRound, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ListCard, SectionCard } from "@/components/ui/list-card";
import { PageHeader } from "@/components/ui/page-header";
import { countOf, DataTable, Td } from "@/components/ui/table";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { formatDate, formatRelative } from "@/lib/format-date";
import { CreateKeyForm } from "./_components/create-key-form";
import { RevokeKeyButton } from "./_components/revoke-key-button";

export const metadata: Metadata = { title: "API keys" };

const STATUS_TONE = { active: "green", revoked: "red", expired: "yellow" } as const;

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgMembership(slug);
  if (!ADMIN_ROLES.includes(ctx.role)) {
    return (
      <>
        <PageHeader title="API keys" />
        <EmptyState
          icon={<ShieldAlert aria-hidden className="size-10" />}
          title="Only owners and admins can manage API keys"
          description={`You are a member of ${ctx.org.name}. Ask an owner or admin to create a key for you.`}
        />
      </>
    );
  }
  const keys = await listApiKeys(ctx.org.id);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your code manage this organization's agents through the REST API. They are shown once and stored only as a hash."
      />
      <div className="space-y-6">
        <SectionCard title="Create a key">
          <CreateKeyForm org={ctx.org.slug} />
        </SectionCard>
        <ListCard
          title="Keys"
          description={countOf(keys.length, "key")}
          empty={
            keys.length === 0 ? (
              <EmptyState
                icon={<KeyRound aria-hidden className="size-8" />}
                title="No API keys yet"
                description="Create one above to call the API from your code."
              />
            ) : null
          }
        >
          <DataTable
            label="API keys"
            columns={["Name", "Key", "Scopes", "Last used", "Created", "Status", { hidden: "Actions" }]}
          >
            {keys.map((k) => (
              <tr key={k.id} data-key-id={k.keyId}>
                <Td className="font-medium text-slate-900">{k.name}</Td>
                <Td>
                  <code className="font-mono text-xs">{k.prefix}</code>
                </Td>
                <Td>
                  <div className="flex gap-1">
                    {k.scopes.map((s) => (
                      <Badge key={s} tone="brand">
                        {s}
                      </Badge>
                    ))}
                  </div>
                </Td>
                <Td>{k.lastUsedAt ? formatRelative(k.lastUsedAt) : "Never"}</Td>
                <Td>{formatDate(k.createdAt)}</Td>
                <Td>
                  <Badge tone={STATUS_TONE[k.status]}>
                    {k.status === "active" && k.expiresAt
                      ? `active · expires ${formatDate(k.expiresAt)}`
                      : k.status}
                  </Badge>
                </Td>
                <Td className="text-right">
                  {k.status === "revoked" ? null : (
                    <RevokeKeyButton org={ctx.org.slug} keyId={k.keyId} name={k.name} />
                  )}
                </Td>
              </tr>
            ))}
          </DataTable>
        </ListCard>
      </div>
    </>
  );
}
