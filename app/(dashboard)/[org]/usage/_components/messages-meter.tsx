import { UsageMeter } from "@/components/ui/usage-meter";

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * "N of M messages this month" and what happens near and at the limit. `compact` is the agents
 * page's version (the label and the bar only).
 */
export function MessagesMeter({
  id,
  used,
  limit,
  planName,
  resetsOn,
  usageHref,
  compact = false,
}: {
  id: string;
  used: number;
  limit: number;
  planName: string;
  resetsOn: string;
  usageHref?: string;
  compact?: boolean;
}) {
  const full = used >= limit;
  const near = !full && used * 5 >= limit * 4;
  return (
    <div className={compact ? "w-56 space-y-1.5" : "space-y-3"} data-testid={`${id}-meter`}>
      <p id={`${id}-label`} className="text-sm text-slate-700">
        <span className="font-semibold text-slate-900">{fmt(used)}</span> of {fmt(limit)} chat messages this
        month
        <span className="text-slate-500"> · {planName}</span>
        {compact && usageHref ? (
          <>
            {" · "}
            <a href={usageHref} className="font-medium text-brand-700 underline">
              Usage
            </a>
          </>
        ) : null}
      </p>
      <UsageMeter used={used} limit={limit} labelledBy={`${id}-label`} className={compact ? "h-2" : "h-3"} />
      {compact ? null : full ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" role="status">
          The month's messages are used up. Your widgets now show each agent's offline message instead of
          answering, until {resetsOn} (UTC). To answer again sooner, move to a larger plan or ask your
          operator to raise the organization's monthly message limit.
        </p>
      ) : near ? (
        <p
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
          role="status"
        >
          Over 80 % used. At 100 % your widgets stop answering and show their offline message until {resetsOn}{" "}
          (UTC). A usage.threshold webhook is sent at 80 % and at 100 %.
        </p>
      ) : (
        <p className="text-sm text-slate-600">
          Every chat reply counts one message. At 100 % your widgets show their offline message until the
          month ends.
        </p>
      )}
    </div>
  );
}
