import { db } from "@/db";
import { findApiKeyInOrganization, revokeActiveApiKey } from "@/db/queries/api-keys";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { type Actor, auditActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";

/**
 * Revokes a key of this org (effective on its next request). Idempotent: revoking a revoked key
 * answers the same without a second audit event. Another org's key id → not_found.
 */
export async function revokeApiKeyOfOrganization(input: {
  organizationId: number;
  keyId: string;
  actor: Actor;
}) {
  return db.transaction(async (tx) => {
    const revoked = await revokeActiveApiKey(tx, input.organizationId, input.keyId);
    if (revoked) {
      await insertAuditEvent(tx, {
        organizationId: input.organizationId,
        ...auditActor(input.actor),
        action: "api_key.revoked",
        targetPublicId: revoked.publicId,
        metadata: { key_id: revoked.keyId, name: revoked.name },
      });
      return {
        key_id: revoked.keyId,
        name: revoked.name,
        revoked_at: revoked.revokedAt!.toISOString(),
        already: false,
      };
    }
    const existing = await findApiKeyInOrganization(tx, input.organizationId, input.keyId);
    if (!existing?.revokedAt)
      throw new AppError("not_found", "No API key with that id in this organization.");
    return {
      key_id: existing.keyId,
      name: existing.name,
      revoked_at: existing.revokedAt.toISOString(),
      already: true,
    };
  });
}
