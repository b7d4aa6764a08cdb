import type { AgentUsageRow, DayUsageRow } from "@/db/queries/usage-report";

// The usage report as the API serializer and the dashboard read it.
export type { AgentUsageRow, DayUsageRow };

export type UsageReport = {
  month: string;
  messages: { used: number; limit: number };
  tokens: { input: number; output: number };
  byAgent: AgentUsageRow[];
  daily: DayUsageRow[];
};
