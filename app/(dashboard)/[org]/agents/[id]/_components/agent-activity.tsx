import { Card, CardHeader } from "@/components/ui/card";
import { type ActivityEvent, ActivityText } from "../../../_components/activity-text";

/** This agent's own audit trail: who created, changed or optimized it. */
export function AgentActivity({ events }: { events: ActivityEvent[] }) {
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
                <ActivityText
                  event={e}
                  detail={
                    fields.length ? <span className="text-slate-600">: {fields.join(", ")}</span> : null
                  }
                />
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
