import { ChevronLeft, ChevronRight } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import type { AgentsPageSearch } from "@/lib/agents/dashboard-agents";
import { agentsListHref } from "./list-url";

export function AgentsPagination({
  org,
  search,
  shown,
  total,
  hasMore,
}: {
  org: string;
  search: AgentsPageSearch;
  shown: number;
  total: number;
  hasMore: boolean;
}) {
  const first = (search.page - 1) * search.size + 1;
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600" aria-live="polite">
        {shown > 0 ? (
          <>
            Showing <strong>{first}</strong>–<strong>{first + shown - 1}</strong> of <strong>{total}</strong>
          </>
        ) : (
          <>No agents on this page</>
        )}
      </p>
      <div className="flex gap-2">
        {search.page > 1 ? (
          <ButtonLink
            variant="secondary"
            rel="prev"
            href={agentsListHref(org, { ...search, page: search.page - 1 })}
          >
            <ChevronLeft aria-hidden className="size-4" />
            Previous
          </ButtonLink>
        ) : null}
        {hasMore ? (
          <ButtonLink
            variant="secondary"
            rel="next"
            href={agentsListHref(org, { ...search, page: search.page + 1 })}
          >
            Next
            <ChevronRight aria-hidden className="size-4" />
          </ButtonLink>
        ) : null}
      </div>
    </nav>
  );
}
