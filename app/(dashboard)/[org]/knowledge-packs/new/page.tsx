import type { Metadata } from "next";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { KnowledgePackForm } from "../_components/knowledge-pack-form";
import { createKnowledgePackAction } from "../actions";

export const metadata: Metadata = { title: "New knowledge pack" };

export default async function NewKnowledgePackPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgMembership(slug, { roles: ADMIN_ROLES });
  return (
    <>
      <PageHeader title="New knowledge pack" />
      <Card>
        <CardBody>
          <KnowledgePackForm
            org={ctx.org.slug}
            action={createKnowledgePackAction}
            submitLabel="Create knowledge pack"
          />
        </CardBody>
      </Card>
    </>
  );
}
