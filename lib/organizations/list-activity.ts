import { db } from "@/db";
import { listAuditEventsPage } from "@/db/queries/audit-events";
import { isPublicId } from "@/lib/validations/public-id";

export const ACTIVITY_PAGE_SIZE = 25;

/** A bounded page of the audit log; a malformed cursor restarts from the newest event. */
export async function listActivity(organizationId: number, cursor?: string, limit = ACTIVITY_PAGE_SIZE) {
  const after = cursor && isPublicId(cursor) ? cursor : undefined;
  const rows = await listAuditEventsPage(db, organizationId, {
    afterPublicId: after,
    limit: Math.min(Math.max(limit, 1), 100),
  });
  const hasMore = rows.length > limit;
  const events = hasMore ? rows.slice(0, limit) : rows;
  return { events, nextCursor: hasMore ? events.at(-1)?.publicId : undefined };
}

const LABELS: Record<string, string> = {
  "agent.created": "created agent",
  "agent.updated": "updated agent",
  "agent.deleted": "deleted agent",
  "api_key.created": "created API key",
  "api_key.revoked": "revoked API key",
  "organization.created": "created the organization",
  "membership.created": "added member",
  "organization.transcript_settings.updated": "changed the transcript settings",
};

/** "created API key “CI”": the action in words plus the most telling metadata field. */
export function describeActivity(action: string, metadata: Record<string, unknown>): string {
  const verb = LABELS[action] ?? action.replaceAll(".", " ").replaceAll("_", " ");
  const subject = metadata.name ?? metadata.email ?? metadata.slug;
  return typeof subject === "string" ? `${verb} “${subject}”` : verb;
}
