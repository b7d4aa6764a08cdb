import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditEvents } from "@/db/schema";

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
    .where(and(eq(auditEvents.organizationId, organizationId), keyset))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(opts.limit + 1);
}
