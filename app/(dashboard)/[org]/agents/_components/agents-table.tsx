import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DataTable, Td } from "@/components/ui/table";
import type { AgentListRow } from "@/lib/agents/types";
import { formatDate } from "@/lib/format-date";
import { OptimizationBadge } from "./optimization-badge";

// A table from md up; stacked cards below, so the list stays usable at 390 px.
export function AgentsTable({ org, rows }: { org: string; rows: AgentListRow[] }) {
  return (
    <>
      <Card className="hidden md:block">
        <DataTable
          label="Agents"
          columns={["Name", "Persona", "Knowledge pack", "Optimization", "Created"]}
          bodyClassName="bg-white"
        >
          {rows.map((a) => (
            <tr key={a.publicId} className="hover:bg-slate-50">
              <Td className="max-w-xs truncate font-medium text-slate-900">
                <Link href={`/${org}/agents/${a.publicId}`} className="hover:text-brand-700 hover:underline">
                  {a.name}
                </Link>
                {a.status === "disabled" ? (
                  <span className="ml-2 text-xs text-slate-500">(disabled)</span>
                ) : null}
              </Td>
              <Td>{a.persona.name}</Td>
              <Td className="max-w-[14rem] truncate">
                {a.knowledgePack?.name ?? <span className="text-slate-500">—</span>}
              </Td>
              <Td>
                <OptimizationBadge status={a.optimizationStatus} />
              </Td>
              <Td>
                <time dateTime={a.createdAt.toISOString()}>{formatDate(a.createdAt)}</time>
              </Td>
            </tr>
          ))}
        </DataTable>
      </Card>
      <ul aria-label="Agents" className="space-y-3 md:hidden">
        {rows.map((a) => (
          <li key={a.publicId}>
            <Link
              href={`/${org}/agents/${a.publicId}`}
              className="block rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-300"
            >
              <div className="flex items-start justify-between gap-3">
                <span className="min-w-0 break-words font-medium text-slate-900">{a.name}</span>
                <OptimizationBadge status={a.optimizationStatus} />
              </div>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-600">
                <dt className="text-slate-500">Persona</dt>
                <dd>{a.persona.name}</dd>
                <dt className="text-slate-500">Knowledge</dt>
                <dd className="truncate">{a.knowledgePack?.name ?? "—"}</dd>
                <dt className="text-slate-500">Created</dt>
                <dd>
                  <time dateTime={a.createdAt.toISOString()}>{formatDate(a.createdAt)}</time>
                </dd>
              </dl>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
