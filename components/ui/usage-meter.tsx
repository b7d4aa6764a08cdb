import { cn } from "./cn";

/** Share of the limit in use, 0–100; a zero limit reads as full so nothing more can be added. */
function usedPercent(used: number, limit: number): number {
  return limit === 0 ? 100 : Math.min(100, Math.round((used / limit) * 100));
}

/**
 * The bar of a "N of M used" meter: it turns amber near the limit and red at it. The caller
 * writes the visible label and passes its id, because the wording differs per page.
 */
export function UsageMeter({
  used,
  limit,
  labelledBy,
  className,
}: {
  used: number;
  limit: number;
  labelledBy: string;
  className?: string;
}) {
  const pct = usedPercent(used, limit);
  const tone = pct >= 100 ? "bg-red-500" : pct >= 80 ? "bg-amber-500" : "bg-brand-600";
  return (
    // biome-ignore lint/a11y/useSemanticElements: a styled div; native <meter> cannot be themed consistently.
    <div
      role="meter"
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={limit}
      aria-valuenow={used}
      className={cn("w-full overflow-hidden rounded-full bg-slate-100", className)}
    >
      <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
    </div>
  );
}
