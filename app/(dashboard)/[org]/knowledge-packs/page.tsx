import { BookOpen, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Td } from "@/components/ui/table";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { formatDate } from "@/lib/format-date";
import { listKnowledgePacks } from "@/lib/knowledge-packs/manage-knowledge-packs";

export const metadata: Metadata = { title: "Knowledge packs" };

function kb(bytes: number) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export default async function KnowledgePacksPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgMembership(slug);
  const canEdit = ADMIN_ROLES.includes(ctx.role);
  const { rows } = await listKnowledgePacks(ctx.org.id, { limit: 100, offset: 0 });
  const org = ctx.org.slug;
  const newPack = canEdit ? (
    <ButtonLink href={`/${org}/knowledge-packs/new`}>
      <Plus aria-hidden className="size-4" />
      New knowledge pack
    </ButtonLink>
  ) : null;
  return (
    <>
      <PageHeader
        title="Knowledge packs"
        description="What your agents answer from: pasted text, files and web pages. Attach a pack to an agent on its page."
        actions={rows.length ? newPack : null}
      />
      {rows.length === 0 ? (
        <EmptyState
          icon={<BookOpen aria-hidden className="size-10" />}
          title="No knowledge packs yet"
          description="Add your return policy, FAQ or product facts, then attach them to agents."
          action={newPack}
        />
      ) : (
        <Card>
          <DataTable
            label="Knowledge packs"
            columns={["Name", "Size", "Agents", "Updated"]}
            bodyClassName="bg-white"
          >
            {rows.map((p) => (
              <tr key={p.publicId}>
                <Td className="max-w-xs truncate font-medium text-slate-900">
                  <Link
                    href={`/${org}/knowledge-packs/${p.publicId}`}
                    className="hover:text-brand-700 hover:underline"
                  >
                    {p.name}
                  </Link>
                  {p.description ? (
                    <span className="block truncate text-xs text-slate-500">{p.description}</span>
                  ) : null}
                </Td>
                <Td>{kb(p.contentBytes)}</Td>
                <Td>{p.agentCount}</Td>
                <Td>{formatDate(p.updatedAt)}</Td>
              </tr>
            ))}
          </DataTable>
        </Card>
      )}
    </>
  );
}
