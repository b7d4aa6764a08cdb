import { ThumbsDown, ThumbsUp } from "lucide-react";
import Link from "next/link";
import { DataTable, Td } from "@/components/ui/table";
import type { InboxRow } from "@/lib/conversations/types";
import { formatDateTime } from "@/lib/format-date";

/** Who talked: the verified user when there is one, else the opaque visitor id. */
export function Who({ row }: { row: InboxRow }) {
  if (row.user)
    return (
      <span className="flex flex-col">
        <span>{row.user.name ?? row.user.id}</span>
        {row.user.email ? <span className="text-xs text-slate-600">{row.user.email}</span> : null}
      </span>
    );
  return <span className="font-mono text-xs text-slate-600">{row.visitorId.slice(0, 18)}</span>;
}

export function Thumbs({ up, down }: { up: number; down: number }) {
  return (
    <span className="inline-flex items-center gap-3">
      <span className="inline-flex items-center gap-1">
        <ThumbsUp aria-hidden className="size-4 text-green-700" />
        <span className="sr-only">Thumbs up:</span> {up}
      </span>
      <span className="inline-flex items-center gap-1">
        <ThumbsDown aria-hidden className="size-4 text-red-700" />
        <span className="sr-only">Thumbs down:</span> {down}
      </span>
    </span>
  );
}

/** Search matches in <mark>; every part is a text node, so visitor text cannot become HTML. */
export function Snippet({ parts }: { parts: NonNullable<InboxRow["snippet"]> }) {
  return (
    <p className="mt-1 max-w-xl whitespace-normal text-xs text-slate-600">
      {parts.map((p, i) =>
        p.match ? (
          <mark key={i} className="rounded bg-yellow-100 px-0.5 text-slate-900">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

export function ConversationTable({
  org,
  rows,
  showAgent = true,
}: {
  org: string;
  rows: InboxRow[];
  showAgent?: boolean;
}) {
  const columns = [
    "Conversation",
    ...(showAgent ? ["Agent"] : []),
    "Visitor or user",
    "Started",
    "Last message",
    "Messages",
    "Feedback",
  ];
  return (
    <DataTable label="Conversations" columns={columns}>
      {rows.map((r) => (
        <tr key={r.id} className="align-top">
          <Td>
            <Link
              href={`/${org}/conversations/${r.id}`}
              className="font-medium text-brand-700 hover:underline"
            >
              Transcript
              <span className="sr-only"> of the conversation started {formatDateTime(r.startedAt)}</span>
            </Link>
            {r.snippet ? <Snippet parts={r.snippet} /> : null}
          </Td>
          {showAgent ? <Td>{r.agent.name}</Td> : null}
          <Td>
            <Who row={r} />
          </Td>
          <Td>
            <time dateTime={r.startedAt.toISOString()}>{formatDateTime(r.startedAt)}</time>
          </Td>
          <Td>
            <time dateTime={r.lastMessageAt.toISOString()}>{formatDateTime(r.lastMessageAt)}</time>
          </Td>
          <Td>{r.messageCount}</Td>
          <Td>
            <Thumbs up={r.up} down={r.down} />
          </Td>
        </tr>
      ))}
    </DataTable>
  );
}
