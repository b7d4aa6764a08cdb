import { MessagesSquare, SearchX } from "lucide-react";
import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMembership } from "@/lib/auth/org-context";
import { loadInbox, parseInboxSearch } from "@/lib/conversations/dashboard";
import { ConversationTable } from "./_components/conversation-table";
import { InboxFilters } from "./_components/inbox-filters";

export const metadata: Metadata = { title: "Conversations" };

type Props = {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ConversationsPage(props: Props) {
  const [{ org: slug }, raw] = await Promise.all([props.params, props.searchParams]);
  const ctx = await requireOrgMembership(slug);
  const search = parseInboxSearch(raw);
  const inbox = await loadInbox(ctx.org.id, search);
  const filtered = Boolean(search.q || search.agent || search.rating || search.from || search.to);
  const withCursor = (cursor?: string | null) =>
    new URLSearchParams(
      Object.entries({ ...search, cursor: cursor ?? undefined }).filter(
        (e): e is [string, string] => typeof e[1] === "string",
      ),
    ).toString();
  return (
    <>
      <PageHeader
        title="Conversations"
        description="What visitors asked your agents, newest activity first."
      />
      <InboxFilters org={ctx.org.slug} search={search} agents={inbox.agents} />
      {inbox.staleCursor ? (
        <Alert className="mb-4">That page link no longer matches the filters; showing the first page.</Alert>
      ) : null}
      {inbox.rows.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchX aria-hidden className="size-10" />}
            title="No conversation matches"
            description="Try other words, another agent or a wider date range."
          />
        ) : (
          <EmptyState
            icon={<MessagesSquare aria-hidden className="size-10" />}
            title="No conversations yet"
            description="When visitors chat with an agent's widget, their conversations appear here."
          />
        )
      ) : (
        <Card>
          <ConversationTable org={ctx.org.slug} rows={inbox.rows} />
        </Card>
      )}
      <div className="mt-4 flex justify-between">
        {search.cursor ? (
          <ButtonLink variant="secondary" href={`/${ctx.org.slug}/conversations?${withCursor()}`}>
            Newest
          </ButtonLink>
        ) : (
          <span />
        )}
        {inbox.nextCursor ? (
          <ButtonLink
            variant="secondary"
            href={`/${ctx.org.slug}/conversations?${withCursor(inbox.nextCursor)}`}
          >
            Older
          </ButtonLink>
        ) : null}
      </div>
    </>
  );
}
