import type { DayUsageRow } from "@/lib/usage/types";

/** Replies per day of the month as bars; each bar's figure is in its text for screen readers. */
export function DailyChart({ month, days }: { month: string; days: DayUsageRow[] }) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const byDay = new Map(days.map((d) => [Number(d.day.slice(8, 10)), d.messages]));
  const max = Math.max(1, ...days.map((d) => d.messages));
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium text-slate-900">Chat replies per day (UTC)</figcaption>
      <ol className="flex h-40 items-end gap-0.5 border-b border-slate-200" data-testid="daily-chart">
        {Array.from({ length }, (_, i) => {
          const day = i + 1;
          const n = byDay.get(day) ?? 0;
          return (
            <li key={day} className="flex h-full flex-1 flex-col justify-end" title={`${month}-${day}: ${n}`}>
              <span className="sr-only">
                {month}-{String(day).padStart(2, "0")}: {n} replies
              </span>
              <span
                aria-hidden
                className={n > 0 ? "block rounded-t bg-brand-600" : "block"}
                style={{ height: `${Math.round((n / max) * 100)}%` }}
              />
            </li>
          );
        })}
      </ol>
      <div aria-hidden className="flex justify-between text-xs text-slate-500">
        <span>1</span>
        <span>{Math.ceil(length / 2)}</span>
        <span>{length}</span>
      </div>
    </figure>
  );
}
