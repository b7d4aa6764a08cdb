import { db } from "@/db";
import { listApiKeysForOrganization } from "@/db/queries/api-keys";
import { displayPrefix } from "./format";

export type ApiKeyStatus = "active" | "revoked" | "expired";

/** The org's keys for list views: prefix and key id only, never a secret or its hash. */
export async function listApiKeys(organizationId: number, now = new Date()) {
  const rows = await listApiKeysForOrganization(db, organizationId);
  return rows.map((r) => ({
    id: r.publicId,
    keyId: r.keyId,
    name: r.name,
    prefix: displayPrefix(r.keyId),
    scopes: r.scopes,
    lastUsedAt: r.lastUsedAt,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
    status: (r.revokedAt
      ? "revoked"
      : r.expiresAt && r.expiresAt <= now
        ? "expired"
        : "active") satisfies ApiKeyStatus as ApiKeyStatus,
  }));
}
