import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { type OrgPageProps, openOrgPage } from "@/lib/auth/org-context";
import { toKnowledgeSourceResource } from "@/lib/knowledge/serialize";
import { listSources } from "@/lib/knowledge/sources";
import { getKnowledgePack } from "@/lib/knowledge-packs/manage-knowledge-packs";
import { KnowledgePackForm } from "../_components/knowledge-pack-form";
import { updateKnowledgePackAction } from "../actions";
import { SourcesPanel } from "./_components/sources-panel";
import { TryQuestion } from "./_components/try-question";

export const metadata: Metadata = { title: "Knowledge pack" };

export default async function KnowledgePackPage(props: OrgPageProps<{ id: string }, { created?: string }>) {
  const { ctx, params, search, isAdmin } = await openOrgPage(props);
  const pack = await getKnowledgePack(ctx.org.id, params.id);
  if (!pack) notFound();
  const sources = (await listSources(ctx.org.id, pack.publicId)).map(toKnowledgeSourceResource);
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
      <Card className="mt-6">
        <CardHeader
          title="Sources"
          description="Chat answers use only the passages of these sources that match the question."
        />
        <CardBody>
          <SourcesPanel org={ctx.org.slug} pack={pack.publicId} initial={sources} isAdmin={isAdmin} />
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader
          title="Try a question"
          description="The passages an agent on this pack would be given, best first."
        />
        <CardBody>
          <TryQuestion org={ctx.org.slug} pack={pack.publicId} />
        </CardBody>
      </Card>
    </>
  );
}
