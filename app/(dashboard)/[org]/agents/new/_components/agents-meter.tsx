import { PLANS, type PlanKey } from "@/lib/plans";

/** "N of M agents used" with a bar that turns amber near the limit and red at it. */
export function AgentsMeter({ used, limit, plan }: { used: number; limit: number; plan: PlanKey }) {
  const pct = limit === 0 ? 100 : Math.min(100, Math.round((used / limit) * 100));
  const tone = pct >= 100 ? "bg-red-500" : pct >= 80 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className="w-56 space-y-1.5" data-testid="agents-meter">
      <p id="new-agent-meter-label" className="text-sm text-slate-700">
        <span className="font-semibold text-slate-900">{used}</span> of {limit} agents used
        <span className="text-slate-500"> · {PLANS[plan].name}</span>
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a styled div; native <meter> cannot be themed consistently. */}
      <div
        role="meter"
        aria-labelledby="new-agent-meter-label"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
