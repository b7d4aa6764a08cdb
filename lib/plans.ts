// The single source of truth for plans and their limits.
export const PLANS = {
  free: { name: "Free", maxAgents: 3, monthlyMessages: 1_000, transcriptRetentionDays: 30 },
  pro: { name: "Pro", maxAgents: 25, monthlyMessages: 50_000, transcriptRetentionDays: 365 },
  enterprise: {
    name: "Enterprise",
    maxAgents: 1000,
    monthlyMessages: 1_000_000,
    transcriptRetentionDays: 730,
  },
} as const;

export type PlanKey = keyof typeof PLANS;
export const PLAN_KEYS = Object.keys(PLANS) as PlanKey[];

/** The org's effective agent limit: its override when set, else the plan's. */
export function agentLimit(org: { plan: PlanKey; maxAgents: number | null }): number {
  return org.maxAgents ?? PLANS[org.plan].maxAgents;
}

/** The org's chat messages a calendar month (UTC): its override when set, else the plan's. */
export function monthlyMessageLimit(org: { plan: PlanKey; monthlyMessageLimit: number | null }): number {
  return org.monthlyMessageLimit ?? PLANS[org.plan].monthlyMessages;
}

/** The first day of the UTC month of `at`, as YYYY-MM-DD (the usage counter's key). */
export function monthStart(at: Date = new Date()): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

/** Whole seconds until the next UTC month begins (Retry-After for an exhausted budget). */
export function secondsToNextMonth(at: Date = new Date()): number {
  const next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - at.getTime()) / 1000));
}

/** How long the org keeps transcripts: its setting when set, else the plan's default. */
export function transcriptRetentionDays(org: {
  plan: PlanKey;
  transcriptRetentionDays: number | null;
}): number {
  return org.transcriptRetentionDays ?? PLANS[org.plan].transcriptRetentionDays;
}
