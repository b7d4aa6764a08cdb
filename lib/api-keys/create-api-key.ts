import { insertApiKey } from "@/db/queries/api-keys";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { unitOfWork } from "@/lib/unit-of-work";
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
  const row = await unitOfWork(input, async ({ tx, audit }) => {
    const created = await insertApiKey(tx, {
      organizationId: input.organizationId,
      name: input.name,
      keyId: generated.keyId,
      secretHash: generated.secretHash,
      scopes: input.scopes,
      expiresAt: input.expiresAt ?? null,
      createdByUserId: input.actor.type === "user" ? input.actor.userId : null,
    });
    await audit("api_key.created", created.publicId, {
      key_id: created.keyId,
      name: created.name,
      scopes: created.scopes,
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
