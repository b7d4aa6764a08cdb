import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format-date";
import { describeActivity } from "@/lib/organizations/list-activity";

type Event = {
  publicId: string;
  actorType: "user" | "api_key" | "system";
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  metadata: Record<string, unknown>;
  createdAt: Date;
};

const KIND = { user: "", api_key: "API key ", system: "" } as const;

/** This agent's own audit trail: who created, changed or optimized it. */
export function AgentActivity({ events }: { events: Event[] }) {
  return (
    <Card>
      <CardHeader title="Activity" description="Changes to this agent, newest first." />
      {events.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 sm:px-6">No activity recorded yet.</p>
      ) : (
        <ol aria-label="Agent activity" className="divide-y divide-slate-100">
          {events.map((e) => {
            const fields = Array.isArray(e.metadata.fields) ? (e.metadata.fields as string[]) : [];
            return (
              <li key={e.publicId} className="px-4 py-3 sm:px-6">
                <p className="text-sm text-slate-900">
                  <span className="font-medium">
                    {KIND[e.actorType]}
                    {e.actorLabel ?? e.actorId ?? "system"}
                  </span>{" "}
                  {describeActivity(e.action, e.metadata)}
                  {fields.length ? <span className="text-slate-600">: {fields.join(", ")}</span> : null}
                </p>
                <p className="text-xs text-slate-500">
                  <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt)}</time> ·{" "}
                  <code>{e.action}</code>
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
