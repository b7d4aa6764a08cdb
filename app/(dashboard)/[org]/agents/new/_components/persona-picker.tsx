"use client";

import { cn } from "@/components/ui/cn";

export type PersonaOption = { key: string; name: string; description: string; tone: string; prompt: string };

/** Persona cards as a radio group: keyboard and screen-reader friendly, posted as `persona`. */
export function PersonaPicker({
  personas,
  value,
  onChange,
}: {
  personas: PersonaOption[];
  value: string;
  onChange: (key: string) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Persona</legend>
      <p className="mt-1 text-xs text-slate-500">
        Choosing a persona fills the system prompt from its template.
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {personas.map((p) => {
          const selected = p.key === value;
          return (
            <label
              key={p.key}
              data-testid={`persona-${p.key}`}
              className={cn(
                "relative flex cursor-pointer flex-col gap-1 rounded-lg bg-white p-3 text-sm ring-1 transition-shadow",
                "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600",
                selected ? "ring-2 ring-brand-600" : "ring-slate-200 hover:ring-slate-300",
              )}
            >
              <input
                type="radio"
                name="persona"
                value={p.key}
                checked={selected}
                onChange={() => onChange(p.key)}
                className="sr-only"
              />
              <span className="font-semibold text-slate-900">{p.name}</span>
              <span className="text-slate-600">{p.description}</span>
              <span className="text-xs text-slate-600">Tone: {p.tone}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
