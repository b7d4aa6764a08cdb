import { Search } from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { plainOptions, type SelectOption } from "@/components/ui/select";
import { type AgentsPageSearch, PAGE_SIZES } from "@/lib/agents/dashboard-agents";
import { PERSONAS } from "@/lib/personas";
import { optimizationStatusSchema } from "@/lib/validations/agent";
import { OPTIMIZATION_LABELS } from "./optimization-badge";

// The choice filters, in form order; `any` is the choice that does not filter.
const FILTERS: {
  name: "persona" | "status" | "size";
  label: string;
  any?: string;
  options: SelectOption[];
}[] = [
  {
    name: "persona",
    label: "Persona",
    any: "All personas",
    options: PERSONAS.map((p) => ({ value: p.key, label: p.name })),
  },
  {
    name: "status",
    label: "Optimization",
    any: "Any status",
    options: optimizationStatusSchema.options.map((s) => ({ value: s, label: OPTIMIZATION_LABELS[s] })),
  },
  { name: "size", label: "Per page", options: plainOptions(PAGE_SIZES) },
];

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
        <Field id="agents-q" label="Search by name">
          <Input
            id="agents-q"
            name="q"
            type="search"
            defaultValue={search.q ?? ""}
            placeholder="Support bot"
            maxLength={100}
          />
        </Field>
        {FILTERS.map((f) => (
          <SelectField
            key={f.name}
            id={`agents-${f.name}`}
            name={f.name}
            label={f.label}
            defaultValue={String(search[f.name] ?? "")}
            options={f.options}
          >
            {f.any ? <option value="">{f.any}</option> : null}
          </SelectField>
        ))}
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
