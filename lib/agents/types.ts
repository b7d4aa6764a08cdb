// The agent shapes the dashboard renders: inferred in the data layer, named here so UI code
// depends on lib/, not on db/queries.
export type { AgentListRow, AgentRow, OptimizationStatus } from "@/db/queries/agent-read";
