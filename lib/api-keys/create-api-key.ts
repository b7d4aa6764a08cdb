import { db } from "@/db";
import { insertApiKey } from "@/db/queries/api-keys";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { type Actor, auditActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { displayPrefix, generateApiKey } from "./format";

export type CreatedApiKey = {
  key: string;
  key_id: string;
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expires_at: string | null;
  created_at: string;
};

/**
 * Creates an org API key and its audit event in one transaction. The returned `key` is the only
 * time the secret exists outside the caller: only its sha-256 is stored.
 */
export async function createApiKey(input: {
  organizationId: number;
  actor: Actor;
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
}): Promise<CreatedApiKey> {
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw AppError.validation([{ path: "expires_at", message: "The expiry must be in the future." }]);
  }
  const generated = generateApiKey();
  const row = await db.transaction(async (tx) => {
    const created = await insertApiKey(tx, {
      organizationId: input.organizationId,
      name: input.name,
      keyId: generated.keyId,
      secretHash: generated.secretHash,
      scopes: input.scopes,
      expiresAt: input.expiresAt ?? null,
      createdByUserId: input.actor.type === "user" ? input.actor.userId : null,
    });
    await insertAuditEvent(tx, {
      organizationId: input.organizationId,
      ...auditActor(input.actor),
      action: "api_key.created",
      targetPublicId: created.publicId,
      metadata: { key_id: created.keyId, name: created.name, scopes: created.scopes },
    });
    return created;
  });
  return {
    key: generated.key,
    key_id: row.keyId,
    id: row.publicId,
    name: row.name,
    prefix: displayPrefix(row.keyId),
    scopes: row.scopes,
    expires_at: row.expiresAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
