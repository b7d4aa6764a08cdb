import { db } from "@/db";
import { findMonthBudget, listAgentUsage, listDailyUsage } from "@/db/queries/usage-report";
import { AppError } from "@/lib/errors";
import { monthlyMessageLimit, monthStart } from "@/lib/plans";
import type { UsageReport } from "./types";

// A month's usage of an org: the budget counter (what the limit is checked against) and the
// replies and tokens of the per-day aggregate. The same report backs GET /api/v1/usage and the
// dashboard's usage page; only the dashboard asks for the daily series.

/** "YYYY-MM" → the month's first day; the current UTC month when absent. */
export function monthKey(month: string | undefined, now = new Date()): string {
  return month ? `${month}-01` : monthStart(now);
}

export async function getUsageReport(
  organizationId: number,
  month: string | undefined,
  opts: { daily?: boolean } = {},
): Promise<UsageReport> {
  const first = monthKey(month);
  const [budget, byAgent, daily] = await Promise.all([
    findMonthBudget(db, organizationId, first),
    listAgentUsage(db, organizationId, first),
    opts.daily ? listDailyUsage(db, organizationId, first) : Promise.resolve([]),
  ]);
  if (!budget) throw new AppError("not_found", "The organization does not exist.");
  const sum = (k: "inputTokens" | "outputTokens") => byAgent.reduce((n, r) => n + r[k], 0);
  return {
    month: first.slice(0, 7),
    messages: { used: budget.used, limit: monthlyMessageLimit(budget) },
    tokens: { input: sum("inputTokens"), output: sum("outputTokens") },
    byAgent,
    daily,
  };
}

/** Just the month's messages against the limit (the agents page's meter): one statement. */
export async function getMonthMessages(organizationId: number): Promise<{ used: number; limit: number }> {
  const budget = await findMonthBudget(db, organizationId, monthStart());
  if (!budget) throw new AppError("not_found", "The organization does not exist.");
  return { used: budget.used, limit: monthlyMessageLimit(budget) };
}

/** The first day of the month after `month` (YYYY-MM), when an exhausted budget comes back. */
export function nextMonthStart(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
