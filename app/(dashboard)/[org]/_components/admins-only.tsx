import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/**
 * What a plain member sees instead of an owner-and-admin page: the page's title and who to ask,
 * so every admin-only page turns a member away in the same words.
 */
export function AdminsOnly({
  title,
  manages,
  orgName,
  ask,
}: {
  title: string;
  /** What the page manages, as it reads in "Only owners and admins can manage …". */
  manages: string;
  orgName: string;
  /** The sentence telling the member whom to ask and for what. */
  ask: string;
}) {
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
