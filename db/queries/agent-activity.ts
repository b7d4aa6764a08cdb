import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditEvents } from "@/db/schema";

/** One agent's own audit trail, newest first (served by audit_events_org_target_idx). */
export async function listAuditEventsForTarget(
  db: Executor,
  organizationId: number,
  targetPublicId: string,
  limit: number,
) {
  return db
    .select({
      publicId: auditEvents.publicId,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      metadata: auditEvents.metadata,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.targetPublicId, targetPublicId)),
    )
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
}
