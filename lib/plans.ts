// The single source of truth for plans and their limits.
export const PLANS = {
  free: { name: "Free", maxAgents: 3 },
  pro: { name: "Pro", maxAgents: 25 },
  enterprise: { name: "Enterprise", maxAgents: 1000 },
} as const;

export type PlanKey = keyof typeof PLANS;
export const PLAN_KEYS = Object.keys(PLANS) as PlanKey[];

/** The org's effective agent limit: its override when set, else the plan's. */
export function agentLimit(org: { plan: PlanKey; maxAgents: number | null }): number {
  return org.maxAgents ?? PLANS[org.plan].maxAgents;
}
