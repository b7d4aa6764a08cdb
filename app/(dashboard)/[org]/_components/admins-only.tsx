import { ShieldAlert } from "lucide-react";
import type { ReactElement } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { type OrgPageProps, openOrgPage } from "@/lib/auth/org-context";

type AdminsOnlyProps = {
  title: string;
  /** What the page manages, as it reads in "Only owners and admins can manage …". */
  manages: string;
  orgName: string;
  /** The sentence telling the member whom to ask and for what. */
  ask: string;
};

/**
 * What a plain member sees instead of an owner-and-admin page: the page's title and who to ask,
 * so every admin-only page turns a member away in the same words.
 */
export function AdminsOnly({ title, manages, orgName, ask }: AdminsOnlyProps) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState
        icon={<ShieldAlert aria-hidden className="size-10" />}
        title={`Only owners and admins can manage ${manages}`}
        description={`You are a member of ${orgName}. ${ask}`}
      />
    </>
  );
}

/**
 * The opening of an owner-and-admin page: its context, or for a plain member the AdminsOnly page
 * to render instead (`denied`).
 */
export async function openAdminPage(props: OrgPageProps, gate: Omit<AdminsOnlyProps, "orgName">) {
  const { ctx, isAdmin } = await openOrgPage(props);
  return isAdmin ? { ctx } : { denied: (<AdminsOnly {...gate} orgName={ctx.org.name} />) as ReactElement };
}
