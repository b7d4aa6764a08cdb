import { sql } from "drizzle-orm";
import { bigint, check, date, integer, pgTable, primaryKey, smallint } from "drizzle-orm/pg-core";
import { organizationRef } from "./organizations";

// The monthly message budget: one counter row per (org, UTC month), taken by one atomic
// statement before each model call. `notified` is the highest threshold (0, 80, 100 percent)
// announced this month and `notified_before` its value before the latest take, so exactly one
// take sees each threshold crossed even when a released message is taken again.
export const orgMessageUsage = pgTable(
  "org_message_usage",
  {
    organizationId: organizationRef(),
    month: date("month", { mode: "string" }).notNull(),
    used: integer("used").notNull().default(0),
    notified: smallint("notified").notNull().default(0),
    notifiedBefore: smallint("notified_before").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.month] }),
    check("org_message_usage_used_nonnegative", sql`${t.used} >= 0`),
  ],
);

// Replies and tokens per (org, UTC day, agent), added to by the same statement that stores each
// reply. The primary key serves both reads of a month: the daily series and the per-agent sums.
// agent_id has no foreign key on purpose: a deleted agent's usage still counts for its month.
export const usageDaily = pgTable(
  "usage_daily",
  {
    organizationId: organizationRef(),
    day: date("day", { mode: "string" }).notNull(),
    agentId: bigint("agent_id", { mode: "number" }).notNull(),
    messages: integer("messages").notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day, t.agentId] })],
);
