import type { Metadata } from "next";
import Link from "next/link";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { type Operation, OperationView } from "./_components/operation-view";
import { Prose } from "./_components/prose";
import { type JsonSchema, SchemaView } from "./_components/schema-view";

export const metadata: Metadata = { title: "API reference" };
// Rendered from the same OpenAPI document as /api/v1/openapi.json; static (depends only on code).
export const dynamic = "force-static";

const METHODS = ["get", "post", "patch", "delete"] as const;

export default function ApiReferencePage() {
  const doc = buildOpenApiDocument() as unknown as {
    info: { title: string; version: string; description: string };
    tags: { name: string; description: string }[];
    paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation & { tags?: string[] }>>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((m) => (item[m] ? [{ path, method: m, op: item[m]! }] : [])),
  );
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <header className="mb-8">
        <p className="text-sm font-medium text-brand-700">
          <Link href="/">YourAgent</Link> · v{doc.info.version}
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">{doc.info.title} reference</h1>
        <p className="mt-2 text-slate-700">
          <Prose text={doc.info.description} />
        </p>
        <p className="mt-2 text-sm text-slate-600">
          Authenticate with <code>Authorization: Bearer ya_live_…</code> (create keys under Settings → API
          keys). Machine-readable:{" "}
          <a className="text-brand-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </header>
      <nav aria-label="Endpoints" className="mb-8 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <ul className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
          {ops.map(({ path, method, op }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${op.operationId}`} className="hover:underline">
                <span className="inline-block w-14 font-mono text-xs uppercase text-slate-500">{method}</span>
                <code>{path}</code>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {doc.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="mb-10">
          <h2 id={`tag-${tag.name}`} className="text-xl font-semibold">
            {tag.name}
          </h2>
          <p className="mb-4 text-sm text-slate-600">{tag.description}</p>
          <div className="space-y-4">
            {ops
              .filter(({ op }) => op.tags?.includes(tag.name))
              .map(({ path, method, op }) => (
                <OperationView
                  key={`${method} ${path}`}
                  method={method}
                  path={path}
                  op={op}
                  schemas={doc.components.schemas}
                />
              ))}
          </div>
        </section>
      ))}
      <section aria-labelledby="schemas-h">
        <h2 id="schemas-h" className="mb-4 text-xl font-semibold">
          Objects
        </h2>
        <div className="space-y-4">
          {Object.entries(doc.components.schemas).map(([name, schema]) => (
            <div
              key={name}
              id={`schema-${name}`}
              className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
            >
              <h3 className="mb-2 font-mono text-base font-semibold">{name}</h3>
              {schema.description ? (
                <p className="mb-2 text-sm text-slate-600">{schema.description}</p>
              ) : null}
              <SchemaView schema={schema} />
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
