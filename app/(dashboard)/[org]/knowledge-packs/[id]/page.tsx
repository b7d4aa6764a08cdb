import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { type OrgPageProps, openOrgPage } from "@/lib/auth/org-context";
import { getKnowledgePack } from "@/lib/knowledge-packs/manage-knowledge-packs";
import { KnowledgePackForm } from "../_components/knowledge-pack-form";
import { updateKnowledgePackAction } from "../actions";

export const metadata: Metadata = { title: "Knowledge pack" };

export default async function KnowledgePackPage(props: OrgPageProps<{ id: string }, { created?: string }>) {
  const { ctx, params, search, isAdmin } = await openOrgPage(props);
  const pack = await getKnowledgePack(ctx.org.id, params.id);
  if (!pack) notFound();
  return (
    <>
      <PageHeader title={pack.name} description={pack.description ?? undefined} />
      {search.created ? (
        <Alert tone="success" className="mb-4">
          Knowledge pack created.
        </Alert>
      ) : null}
      <Card>
        <CardBody>
          {isAdmin ? (
            <KnowledgePackForm
              org={ctx.org.slug}
              action={updateKnowledgePackAction}
              pack={{
                id: pack.publicId,
                name: pack.name,
                description: pack.description,
                content: pack.content,
              }}
              submitLabel="Save changes"
            />
          ) : (
            <pre className="whitespace-pre-wrap break-words font-sans text-sm text-slate-800">
              {pack.content}
            </pre>
          )}
        </CardBody>
      </Card>
    </>
  );
}
