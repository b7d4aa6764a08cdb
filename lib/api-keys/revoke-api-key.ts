import { findApiKeyInOrganization, revokeActiveApiKey } from "@/db/queries/api-keys";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { unitOfWork } from "@/lib/unit-of-work";
import { invalidateApiKey } from "./key-cache";

/**
 * Revokes a key of this org (effective on its next request here, within a second on every other
 * instance). Idempotent: revoking a revoked key answers the same without a second audit event.
 * Another org's key id → not_found.
 */
export async function revokeApiKeyOfOrganization(input: {
  organizationId: number;
  keyId: string;
  actor: Actor;
}) {
  const result = await revokeInTransaction(input);
  // Awaited: the CLI exits right after, and the other instances must hear of it.
  await invalidateApiKey(result.key_id);
  return result;
}

function revokeInTransaction(input: { organizationId: number; keyId: string; actor: Actor }) {
  return unitOfWork(input, async ({ tx, audit }) => {
    const revoked = await revokeActiveApiKey(tx, input.organizationId, input.keyId);
    if (revoked) {
      await audit("api_key.revoked", revoked.publicId, { key_id: revoked.keyId, name: revoked.name });
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
