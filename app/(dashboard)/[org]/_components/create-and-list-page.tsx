import type { ReactNode } from "react";
import { SectionCard } from "@/components/ui/list-card";
import { PageHeader } from "@/components/ui/page-header";

/** The page where admins create things (API keys, webhook endpoints) above the lists of them. */
export function CreateAndListPage({
  title,
  description,
  createTitle,
  createForm,
  children,
}: {
  title: string;
  description: string;
  createTitle: string;
  createForm: ReactNode;
  /** The list cards, below the create form. */
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <div className="space-y-6">
        <SectionCard title={createTitle}>{createForm}</SectionCard>
        {children}
      </div>
    </>
  );
}
