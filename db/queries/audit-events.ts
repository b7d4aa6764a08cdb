import type { Executor } from "@/db";
import { auditEvents } from "@/db/schema";

export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** Written in the same transaction as the change it records, so the log never disagrees with the data. */
export async function insertAuditEvent(db: Executor, values: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(values);
}
