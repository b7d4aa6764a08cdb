import { UsageMeter } from "@/components/ui/usage-meter";
import { PLANS, type PlanKey } from "@/lib/plans";

/** "N of M agents used" with a bar that turns amber near the limit and red at it. */
export function AgentsMeter({ used, limit, plan }: { used: number; limit: number; plan: PlanKey }) {
  return (
    <div className="w-56 space-y-1.5" data-testid="agents-meter">
      <p id="new-agent-meter-label" className="text-sm text-slate-700">
        <span className="font-semibold text-slate-900">{used}</span> of {limit} agents used
        <span className="text-slate-500"> · {PLANS[plan].name}</span>
      </p>
      <UsageMeter used={used} limit={limit} labelledBy="new-agent-meter-label" className="h-2" />
    </div>
  );
}
