import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

/** A page below an agent: a link back to it, then the page's title. */
export function AgentSubpageHeader({
  org,
  agent,
  title,
  description,
}: {
  org: string;
  agent: { publicId: string; name: string };
  title: string;
  description: string;
}) {
  return (
    <>
      <Link
        href={`/${org}/agents/${agent.publicId}`}
        className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-slate-600 hover:text-slate-900"
      >
        <ArrowLeft aria-hidden className="size-4" />
        {agent.name}
      </Link>
      <PageHeader title={title} description={description} />
    </>
  );
}
