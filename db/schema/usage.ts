import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, primaryKey, smallint } from "drizzle-orm/pg-core";
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
