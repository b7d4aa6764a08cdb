import { bigint, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// State that several app instances on one database share instead of keeping per process.

/**
 * One row per rate-limit key: the current fixed window and its count. A new window overwrites
 * the row in place, so only keys that stop being hit leave rows behind (swept on a timer).
 * Made UNLOGGED by its own migration: counters are worth less than the WAL they would cost,
 * and after a crash an empty table just means fresh windows.
 */
export const rateLimitWindows = pgTable("rate_limit_windows", {
  key: text("key").primaryKey(),
  // Epoch milliseconds on the database's clock, so every instance agrees on the window.
  windowStart: bigint("window_start", { mode: "number" }).notNull(),
  windowEnd: bigint("window_end", { mode: "number" }).notNull(),
  count: integer("count").notNull(),
});

/** Secrets generated once per database, for deployments that set none (dev, tests). */
export const appSecrets = pgTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});

/**
 * The outbox's re-sends of events Inngest accepted but never ran: one row per job (kind plus
 * the job's original event id), counting tries so a lost job is re-sent a bounded number of times.
 */
export const jobResends = pgTable(
  "job_resends",
  {
    kind: text("kind").notNull(),
    eventId: text("event_id").notNull(),
    tries: integer("tries").notNull(),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.eventId] })],
);
