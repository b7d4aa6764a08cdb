import { Button, ButtonLink } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { AgentChoice, InboxSearch } from "@/lib/conversations/types";

const RATINGS: [string, string][] = [
  ["", "Any"],
  ["up", "With thumbs up"],
  ["down", "With thumbs down"],
  ["none", "Not rated"],
];

function Choice(p: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <div>
      <Label htmlFor={p.name}>{p.label}</Label>
      <Select id={p.name} name={p.name} defaultValue={p.value ?? ""}>
        {p.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );
}

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
      <Choice
        name="agent"
        label="Agent"
        value={search.agent}
        options={[["", "All agents"], ...agents.map((a): [string, string] => [a.id, a.name])]}
      />
      <Choice name="rating" label="Rating" value={search.rating} options={RATINGS} />
      <div>
        <Label htmlFor="from">Active from</Label>
        <Input id="from" name="from" type="date" defaultValue={search.from} />
      </div>
      <div>
        <Label htmlFor="to">Active until</Label>
        <Input id="to" name="to" type="date" defaultValue={search.to} />
      </div>
      <div className="sm:col-span-2">
        <Label htmlFor="user">Signed-in user id</Label>
        <Input id="user" name="user" defaultValue={search.user} maxLength={255} placeholder="user-42" />
      </div>
      <div className="flex items-end gap-2 sm:col-span-4">
        <Button type="submit">Apply</Button>
        <ButtonLink variant="secondary" href={`/${org}/conversations`}>
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
