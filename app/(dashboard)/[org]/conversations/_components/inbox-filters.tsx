import { Button, ButtonLink } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { AgentChoice, InboxSearch } from "@/lib/conversations/types";

/** A plain GET form: filtering works without JavaScript and every state has its own URL. */
export function InboxFilters({
  org,
  search,
  agents,
}: {
  org: string;
  search: InboxSearch;
  agents: AgentChoice[];
}) {
  return (
    <form method="get" aria-label="Filter conversations" className="mb-4 grid gap-3 sm:grid-cols-6">
      <div className="sm:col-span-2">
        <Label htmlFor="q">Search messages</Label>
        <Input id="q" name="q" type="search" defaultValue={search.q} maxLength={200} placeholder="refund" />
      </div>
      <div>
        <Label htmlFor="agent">Agent</Label>
        <Select id="agent" name="agent" defaultValue={search.agent ?? ""}>
          <option value="">All agents</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="rating">Rating</Label>
        <Select id="rating" name="rating" defaultValue={search.rating ?? ""}>
          <option value="">Any</option>
          <option value="up">With thumbs up</option>
          <option value="down">With thumbs down</option>
          <option value="none">Not rated</option>
        </Select>
      </div>
      <div>
        <Label htmlFor="from">Active from</Label>
        <Input id="from" name="from" type="date" defaultValue={search.from} />
      </div>
      <div>
        <Label htmlFor="to">Active until</Label>
        <Input id="to" name="to" type="date" defaultValue={search.to} />
      </div>
      <div className="flex gap-2 sm:col-span-6">
        <Button type="submit">Apply</Button>
        <ButtonLink variant="secondary" href={`/${org}/conversations`}>
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
