import { Prose } from "./prose";
import { type JsonSchema, refName, SchemaView, typeLabel } from "./schema-view";

type Media = { schema?: JsonSchema; example?: unknown; examples?: Record<string, { value: unknown }> };
export type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema; description?: string }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
};

const METHOD_TONE: Record<string, string> = {
  get: "bg-blue-100 text-blue-800",
  post: "bg-green-100 text-green-800",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-800",
};

function Example({ value }: { value: unknown }) {
  return (
    <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
      {typeof value === "string" ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** One endpoint: parameters, body (schema + example), responses (with examples). */
export function OperationView({
  method,
  path,
  op,
  schemas,
}: {
  method: string;
  path: string;
  op: Operation;
  schemas: Record<string, JsonSchema>;
}) {
  const resolve = (s?: JsonSchema) => (s?.$ref ? (schemas[refName(s.$ref)] ?? s) : s);
  const body = op.requestBody?.content["application/json"];
  return (
    <section
      id={op.operationId}
      aria-labelledby={`${op.operationId}-h`}
      className="scroll-mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h3 id={`${op.operationId}-h`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <span className={`rounded px-2 py-0.5 font-mono text-xs uppercase ${METHOD_TONE[method] ?? ""}`}>
          {method}
        </span>
        <code className="break-all">{path}</code>
        <span className="font-normal text-slate-600">— {op.summary}</span>
      </h3>
      {op.description ? (
        <p className="mt-2 text-sm text-slate-700">
          <Prose text={op.description} />
        </p>
      ) : null}
      {op.security && op.security.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">No API key needed.</p>
      ) : null}
      {op.parameters?.length ? (
        <div className="mt-4">
          <h4 className="text-sm font-semibold text-slate-900">Parameters</h4>
          <ul className="mt-1 space-y-1">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`} className="text-sm">
                <code className="font-semibold">{p.name}</code>{" "}
                <span className="text-xs text-slate-500">in {p.in}</span>{" "}
                <code className="text-xs text-brand-700">{p.schema ? typeLabel(p.schema) : ""}</code>
                {p.required ? <span className="ml-1 text-xs font-medium text-red-700">required</span> : null}
                {p.schema ? <SchemaRules schema={p.schema} /> : null}
                {(p.description ?? p.schema?.description) ? (
                  <span className="block text-slate-600">
                    <Prose text={p.description ?? p.schema?.description ?? ""} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {body?.schema ? (
        <div className="mt-4">
          <h4 className="text-sm font-semibold text-slate-900">Request body (application/json)</h4>
          <div className="mt-1">
            <SchemaView schema={resolve(body.schema) ?? {}} />
          </div>
          {body.example ? <Example value={body.example} /> : null}
        </div>
      ) : null}
      <div className="mt-4">
        <h4 className="text-sm font-semibold text-slate-900">Responses</h4>
        <ul className="mt-1 space-y-2">
          {Object.entries(op.responses).map(([status, r]) => {
            const media = r.content ? Object.entries(r.content)[0] : undefined;
            const example = media?.[1].example ?? Object.values(media?.[1].examples ?? {})[0]?.value;
            return (
              <li key={status} className="text-sm">
                <code className="font-semibold">{status}</code>{" "}
                {media ? <code className="text-xs text-slate-500">{media[0]}</code> : null}{" "}
                {media?.[1].schema ? (
                  <code className="text-xs text-brand-700">{typeLabel(media[1].schema)}</code>
                ) : null}
                <span className="block text-slate-600">
                  <Prose text={r.description} />
                </span>
                {example && status.startsWith("2") ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">Example</summary>
                    <Example value={example} />
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

function SchemaRules({ schema }: { schema: JsonSchema }) {
  const bits: string[] = [];
  if (schema.enum) bits.push(`one of ${schema.enum.join(", ")}`);
  if (schema.minimum !== undefined || schema.maximum !== undefined)
    bits.push(`${schema.minimum ?? "…"}–${schema.maximum ?? "…"}`);
  if (schema.default !== undefined) bits.push(`default ${JSON.stringify(schema.default)}`);
  return bits.length ? <span className="ml-1 text-xs text-slate-500">{bits.join("; ")}</span> : null;
}
