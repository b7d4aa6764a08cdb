import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/format-date";
import { describeActivity } from "@/lib/organizations/list-activity";

export type ActivityEvent = {
  publicId: string;
  actorType: "user" | "api_key" | "system";
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  metadata: Record<string, unknown>;
  createdAt: Date;
};

const ACTOR_KIND = { user: "", api_key: "API key ", system: "" } as const;

/** One audit event in words (who did what, then when and the raw action), as every log view shows it. */
export function ActivityText({ event: e, detail }: { event: ActivityEvent; detail?: ReactNode }) {
  return (
    <>
      <p className="text-sm text-slate-900">
        <span className="font-medium">
          {ACTOR_KIND[e.actorType]}
          {e.actorLabel ?? e.actorId ?? "system"}
        </span>{" "}
        {describeActivity(e.action, e.metadata)}
        {detail}
      </p>
      <p className="text-xs text-slate-500">
        <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt)}</time> ·{" "}
        <code>{e.action}</code>
      </p>
    </>
  );
}
