import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getAgent } from "@/lib/agents/get-agent";
import { type OrgPageProps, openOrgPage } from "@/lib/auth/org-context";
import {
  IDENTITY_SECRET_ENV,
  identityLoaderExample,
  nodeSigningExample,
  pythonSigningExample,
} from "@/lib/widget/identity/examples";
import { buildEmbedSnippet, widgetScriptUrl } from "@/lib/widget/snippet";
import { AllowedOriginsForm } from "./_components/allowed-origins-form";
import { CopySnippet } from "./_components/copy-snippet";
import { IdentitySecret } from "./_components/identity-secret";
import { RotatePublicId } from "./_components/rotate-public-id";

export const metadata: Metadata = { title: "Embed" };

export default async function EmbedSettingsPage(props: OrgPageProps<{ id: string }, { rotated?: string }>) {
  const { ctx, params, search, isAdmin } = await openOrgPage(props);
  const agent = await getAgent(ctx.org.id, params.id);
  if (!agent) notFound();
  const base = `/${ctx.org.slug}/agents`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={base} className="text-brand-700 hover:underline">
          ← Agents
        </Link>
      </p>
      <PageHeader
        title={`Embed ${agent.name}`}
        description="Paste the snippet before </body> on every page where the chat should appear."
      />
      <div className="space-y-6">
        {search.rotated ? (
          <Alert tone="success">
            The public id was rotated. Old snippets no longer work: paste this new one.
          </Alert>
        ) : null}
        {agent.status === "disabled" ? (
          <Alert tone="warning">
            This agent is disabled: the widget stays hidden until you enable it again.
          </Alert>
        ) : null}
        <Card>
          <CardHeader
            title="Snippet"
            description={
              <>
                Loads <code className="font-mono text-xs">{widgetScriptUrl()}</code>. It holds no secret: only
                the agent's public id and display settings. Style changes you save later apply without a new
                paste.
              </>
            }
          />
          <CardBody>
            <CopySnippet snippet={buildEmbedSnippet(agent)} />
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Where the widget may appear" />
          <CardBody>
            {isAdmin ? (
              <AllowedOriginsForm
                org={ctx.org.slug}
                agentId={agent.publicId}
                origins={agent.allowedOrigins}
              />
            ) : (
              <div className="space-y-2 text-sm text-slate-700">
                {agent.allowedOrigins.length ? (
                  <ul className="list-inside list-disc font-mono">
                    {agent.allowedOrigins.map((o) => (
                      <li key={o}>{o}</li>
                    ))}
                  </ul>
                ) : (
                  <Alert tone="warning">
                    No allowed origins: only YourAgent itself may frame the widget.
                  </Alert>
                )}
                <p className="text-slate-500">Only owners and admins can change this.</p>
              </div>
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Live preview"
            description="The widget running on a sample page, as visitors see it."
          />
          <CardBody>
            {agent.status === "active" ? (
              <iframe
                title="Widget preview on a sample page"
                src={`/embed/preview/${agent.publicId}`}
                className="h-[640px] w-full rounded-md ring-1 ring-slate-200"
              />
            ) : (
              <p className="text-sm text-slate-600">Enable the agent to preview its widget.</p>
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Verified visitors"
            description={
              <>
                Identity verification is <strong>{agent.identityVerification}</strong> (change it in the
                agent's settings). Your server signs a token for the signed-in user with the identity secret
                (kept in <code className="font-mono text-xs">{IDENTITY_SECRET_ENV}</code>, never in the page).
              </>
            }
          />
          <CardBody className="space-y-4">
            {isAdmin ? (
              <IdentitySecret org={ctx.org.slug} agentId={agent.publicId} />
            ) : (
              <p className="text-sm text-slate-600">Only owners and admins can create the identity secret.</p>
            )}
            {[
              ["Sign on your server (Node.js)", nodeSigningExample(agent.publicId)],
              ["Sign on your server (Python, standard library)", pythonSigningExample(agent.publicId)],
              ["Pass it to the widget", identityLoaderExample(agent.publicId)],
            ].map(([title, code]) => (
              <div key={title}>
                <h3 className="mb-1 text-sm font-medium text-slate-800">{title}</h3>
                <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
                  <code>{code}</code>
                </pre>
              </div>
            ))}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Rotate public id"
            description="If the snippet is used where it should not be, give the agent a new public id."
          />
          <CardBody>
            {isAdmin ? (
              <RotatePublicId org={ctx.org.slug} agentId={agent.publicId} />
            ) : (
              <p className="flex items-center gap-2 text-sm text-slate-600">
                <ShieldCheck aria-hidden className="size-4" /> Only owners and admins can rotate the public
                id.
              </p>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
