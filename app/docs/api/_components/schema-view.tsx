import { Prose } from "./prose";
// Renders a JSON Schema (as generated into the OpenAPI document) as nested property lists.
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: unknown;
};

export function refName(ref: string) {
  return ref.split("/").at(-1) ?? ref;
}

export function typeLabel(s: JsonSchema): string {
  if (s.$ref) return refName(s.$ref);
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf ?? []).map(typeLabel).join(" | ");
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  if (t.startsWith("array") && s.items) return `array of ${typeLabel(s.items)}`;
  return s.format ? `${t} (${s.format})` : t;
}

function rules(s: JsonSchema): string[] {
  const out: string[] = [];
  if (s.enum) out.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (s.const !== undefined) out.push(`always ${JSON.stringify(s.const)}`);
  if (s.minimum !== undefined || s.maximum !== undefined) out.push(`${s.minimum ?? "…"}–${s.maximum ?? "…"}`);
  if (s.minLength !== undefined || s.maxLength !== undefined)
    out.push(`${s.minLength ?? 0}–${s.maxLength ?? "…"} chars`);
  if (s.maxItems !== undefined) out.push(`at most ${s.maxItems} items`);
  if (s.pattern) out.push(`matches ${s.pattern}`);
  if (s.default !== undefined && typeof s.default !== "object")
    out.push(`default ${JSON.stringify(s.default)}`);
  if (s.additionalProperties && typeof s.additionalProperties === "object") out.push("extra keys kept");
  return out;
}

export function SchemaView({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  const props = schema.properties ?? schema.items?.properties;
  if (!props) {
    return (
      <p className="text-sm text-slate-700">
        <code className="text-brand-700">{typeLabel(schema)}</code>
        {rules(schema).length ? ` — ${rules(schema).join("; ")}` : null}
      </p>
    );
  }
  const required = new Set(schema.required ?? schema.items?.required ?? []);
  return (
    <ul className={depth ? "mt-1 space-y-1 border-l border-slate-200 pl-3" : "space-y-1.5"}>
      {Object.entries(props).map(([name, s]) => (
        <li key={name} className="text-sm">
          <code className="font-semibold text-slate-900">{name}</code>{" "}
          <code className="text-xs text-brand-700">{typeLabel(s)}</code>
          {required.has(name) ? (
            <span className="ml-1 text-xs font-medium text-red-700">required</span>
          ) : null}
          {rules(s).length ? (
            <span className="ml-1 text-xs text-slate-500">{rules(s).join("; ")}</span>
          ) : null}
          {s.description ? (
            <span className="block text-slate-600">
              <Prose text={s.description} />
            </span>
          ) : null}
          {depth < 2 && (s.properties || s.items?.properties) ? (
            <SchemaView schema={s} depth={depth + 1} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
