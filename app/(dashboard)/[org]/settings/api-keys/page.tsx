import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { BadgeList } from "@/components/ui/badge-list";
import { CountedListCard } from "@/components/ui/list-card";
import { DataTable, Td } from "@/components/ui/table";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import type { OrgPageProps } from "@/lib/auth/org-context";
import { formatDate, formatRelative } from "@/lib/format-date";
import { openAdminPage } from "../../_components/admins-only";
import { CreateAndListPage } from "../../_components/create-and-list-page";
import { CreateKeyForm } from "./_components/create-key-form";
import { RevokeKeyButton } from "./_components/revoke-key-button";

export const metadata: Metadata = { title: "API keys" };

const STATUS_TONE = { active: "green", revoked: "red", expired: "yellow" } as const;

export default async function ApiKeysPage(props: OrgPageProps) {
  const page = await openAdminPage(props, {
    title: "API keys",
    manages: "API keys",
    ask: "Ask an owner or admin to create a key for you.",
  });
  if ("denied" in page) return page.denied;
  const { ctx } = page;
  const keys = await listApiKeys(ctx.org.id);
  return (
    <CreateAndListPage
      title="API keys"
      description="Keys let your code manage this organization's agents through the REST API. They are shown once and stored only as a hash."
      createTitle="Create a key"
      createForm={<CreateKeyForm org={ctx.org.slug} />}
    >
      <CountedListCard
        title="Keys"
        count={keys.length}
        noun="key"
        empty={{
          icon: <KeyRound aria-hidden className="size-8" />,
          title: "No API keys yet",
          description: "Create one above to call the API from your code.",
        }}
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
                <BadgeList items={k.scopes} />
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
      </CountedListCard>
    </CreateAndListPage>
  );
}
