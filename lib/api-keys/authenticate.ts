import { db } from "@/db";
import { findApiKeyForAuth, touchApiKeyLastUsed } from "@/db/queries/api-keys";
import { detachFromStatementCounter } from "@/db/query-counter";
import { AppError } from "@/lib/errors";
import { safeErrorFields } from "@/lib/http/safe-error";
import { log } from "@/lib/logger";
import { type ApiKeyScope, parseApiKey, secretMatches } from "./format";
import { type ApiKeyAuthRow, apiKeyCache, countApiKeyLookup } from "./key-cache";

export type ApiKeyPrincipal = {
  apiKeyId: number;
  keyId: string;
  keyName: string;
  scopes: string[];
  organizationId: number;
  organizationPublicId: string;
  organizationSlug: string;
};

const unauthenticated = (detail: string) => new AppError("unauthenticated", detail);

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

export async function authenticateApiKey(req: Request): Promise<ApiKeyPrincipal> {
  const token = bearerToken(req);
  if (!token) throw unauthenticated("Send an API key as `Authorization: Bearer ya_live_…`.");
  const parsed = parseApiKey(token);
  if (!parsed) throw unauthenticated("The API key is malformed.");
  const cache = apiKeyCache();
  let row: ApiKeyAuthRow | undefined = cache.get(parsed.keyId);
  const cached = row !== undefined;
  const since = cache.begin();
  if (!row) {
    countApiKeyLookup();
    row = await findApiKeyForAuth(db, parsed.keyId);
  }
  if (!row || !secretMatches(parsed.secret, row.secretHash))
    throw unauthenticated("The API key is not valid.");
  if (row.revokedAt) throw unauthenticated("The API key has been revoked.");
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now())
    throw unauthenticated("The API key has expired.");
  // Only a key that passed: a wrong secret must not evict or replace a good entry.
  if (!cached) cache.set(parsed.keyId, row, since);

  // Off the request path: the stamp is best-effort and debounced in SQL.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    // The cached copy remembers the stamp, so a cached key is not stamped on every request.
    row.lastUsedAt = new Date();
    // Detached: the stamp is not part of this request's work (nor of its statement count).
    detachFromStatementCounter(() =>
      setImmediate(() => {
        touchApiKeyLastUsed(db, row.id).catch((e) => log("warn", "api key touch failed", safeErrorFields(e)));
      }),
    );
  }
  return {
    apiKeyId: row.id,
    keyId: row.keyId,
    keyName: row.name,
    scopes: row.scopes,
    organizationId: row.organizationId,
    organizationPublicId: row.organizationPublicId,
    organizationSlug: row.organizationSlug,
  };
}

export function requireScope(principal: ApiKeyPrincipal, scope: ApiKeyScope): void {
  if (!principal.scopes.includes(scope)) {
    throw new AppError("insufficient_scope", `This API key lacks the \`${scope}\` scope.`, {
      extra: { required_scope: scope },
    });
  }
}

/** The compatibility `organization_id` query parameter must name the key's own org. */
export function checkOrganizationParam(principal: ApiKeyPrincipal, url: URL): void {
  const given = url.searchParams.get("organization_id");
  if (given === null) return;
  if (given !== principal.organizationSlug && given !== principal.organizationPublicId) {
    throw new AppError("organization_mismatch", "organization_id does not name this API key's organization.");
  }
}
