import { Search } from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { type AgentsPageSearch, PAGE_SIZES } from "@/lib/agents/dashboard-agents";
import { PERSONAS } from "@/lib/personas";
import { optimizationStatusSchema } from "@/lib/validations/agent";
import { OPTIMIZATION_LABELS } from "./optimization-badge";

// A plain GET form: every filter lives in the URL (shareable, survives reloads, works without JS).
export function AgentsFilters({ org, search }: { org: string; search: AgentsPageSearch }) {
  const active = Boolean(search.q || search.persona || search.status);
  return (
    <search aria-label="Filter agents">
      <form
        method="get"
        action={`/${org}/agents`}
        className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_1fr_1fr_auto_auto] lg:items-end"
      >
        <div className="space-y-1.5">
          <Label htmlFor="agents-q">Search by name</Label>
          <Input
            id="agents-q"
            name="q"
            type="search"
            defaultValue={search.q ?? ""}
            placeholder="Support bot"
            maxLength={100}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="agents-persona">Persona</Label>
          <Select id="agents-persona" name="persona" defaultValue={search.persona ?? ""}>
            <option value="">All personas</option>
            {PERSONAS.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="agents-status">Optimization</Label>
          <Select id="agents-status" name="status" defaultValue={search.status ?? ""}>
            <option value="">Any status</option>
            {optimizationStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {OPTIMIZATION_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="agents-size">Per page</Label>
          <Select id="agents-size" name="size" defaultValue={String(search.size)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            <Search aria-hidden className="size-4" />
            Apply
          </Button>
          {active ? (
            <ButtonLink
              variant="ghost"
              href={`/${org}/agents${search.size !== 25 ? `?size=${search.size}` : ""}`}
            >
              Clear
            </ButtonLink>
          ) : null}
        </div>
      </form>
    </search>
  );
}
