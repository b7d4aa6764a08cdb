import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditEvents } from "@/db/schema";

export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** Written in the same transaction as the change it records, so the log never disagrees with the data. */
export async function insertAuditEvent(db: Executor, values: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(values);
}

/** The org's audit rows matching `where`, newest first, in the shape every log view shows. */
function auditEventsNewestFirst(db: Executor, organizationId: number, where: SQL | undefined, limit: number) {
  return db
    .select({
      publicId: auditEvents.publicId,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      targetPublicId: auditEvents.targetPublicId,
      metadata: auditEvents.metadata,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), where))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
}

/**
 * One page of the org's audit log, newest first, keyset on (created_at, id). The cursor is the
 * public id of the last row seen; its position is resolved inside the same statement, so no
 * internal id or rounded timestamp ever leaves the server. Fetches limit+1 to know if more exist.
 */
export async function listAuditEventsPage(
  db: Executor,
  organizationId: number,
  opts: { afterPublicId?: string; limit: number },
) {
  const keyset = opts.afterPublicId
    ? sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (
        select c.created_at, c.id from ${auditEvents} c
        where c.organization_id = ${organizationId} and c.public_id = ${opts.afterPublicId})`
    : undefined;
  return auditEventsNewestFirst(db, organizationId, keyset, opts.limit + 1);
}

/** One agent's own audit trail, newest first (served by audit_events_org_target_idx). */
export async function listAuditEventsForTarget(
  db: Executor,
  organizationId: number,
  targetPublicId: string,
  limit: number,
) {
  return auditEventsNewestFirst(db, organizationId, eq(auditEvents.targetPublicId, targetPublicId), limit);
}
