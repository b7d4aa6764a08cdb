// The single source of truth for plans and their limits.
export const PLANS = {
  free: { name: "Free", maxAgents: 3, transcriptRetentionDays: 30 },
  pro: { name: "Pro", maxAgents: 25, transcriptRetentionDays: 365 },
  enterprise: { name: "Enterprise", maxAgents: 1000, transcriptRetentionDays: 730 },
} as const;

export type PlanKey = keyof typeof PLANS;
export const PLAN_KEYS = Object.keys(PLANS) as PlanKey[];

/** The org's effective agent limit: its override when set, else the plan's. */
export function agentLimit(org: { plan: PlanKey; maxAgents: number | null }): number {
  return org.maxAgents ?? PLANS[org.plan].maxAgents;
}

/** How long the org keeps transcripts: its setting when set, else the plan's default. */
export function transcriptRetentionDays(org: {
  plan: PlanKey;
  transcriptRetentionDays: number | null;
}): number {
  return org.transcriptRetentionDays ?? PLANS[org.plan].transcriptRetentionDays;
}
