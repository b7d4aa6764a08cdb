import { Bot, KeyRound, ScrollText, User } from "lucide-react";
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { type OrgPageProps, openOrgPage } from "@/lib/auth/org-context";
import { listActivity } from "@/lib/organizations/list-activity";
import { ActivityText } from "../_components/activity-text";

export const metadata: Metadata = { title: "Activity" };

const ACTOR_ICON = { user: User, api_key: KeyRound, system: Bot } as const;

export default async function ActivityPage(props: OrgPageProps<unknown, { after?: string }>) {
  const { ctx, search } = await openOrgPage(props);
  const { events, nextCursor } = await listActivity(
    ctx.org.id,
    typeof search.after === "string" ? search.after : undefined,
  );
  return (
    <>
      <PageHeader title="Activity" description="Who did what in this organization, newest first." />
      {events.length === 0 ? (
        <EmptyState icon={<ScrollText aria-hidden className="size-10" />} title="No activity yet" />
      ) : (
        <Card>
          <ol aria-label="Activity" className="divide-y divide-slate-100">
            {events.map((e) => {
              const Icon = ACTOR_ICON[e.actorType];
              return (
                <li key={e.publicId} className="flex items-start gap-3 px-4 py-3 sm:px-6">
                  <span className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-slate-100 text-slate-600">
                    <Icon aria-hidden className="size-4" />
                  </span>
                  <div className="min-w-0 flex-1">
                    <ActivityText event={e} />
                  </div>
                </li>
              );
            })}
          </ol>
        </Card>
      )}
      <div className="mt-4 flex justify-between">
        {search.after ? (
          <ButtonLink variant="secondary" href={`/${ctx.org.slug}/activity`}>
            Newest
          </ButtonLink>
        ) : (
          <span />
        )}
        {nextCursor ? (
          <ButtonLink variant="secondary" href={`/${ctx.org.slug}/activity?after=${nextCursor}`}>
            Older
          </ButtonLink>
        ) : null}
      </div>
    </>
  );
}
