import { and, desc, eq, isNull, lt, or, type Placeholder, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { apiKeys, organizations } from "@/db/schema";
import { preparedFor } from "./prepared-cache";

// Runs on every API request: prepared once per database instance (db/queries/prepared-cache.ts).
function buildAuthLookup(db: Executor) {
  return authLookup(db, sql.placeholder("keyId")).prepare("api_key_for_auth");
}

export async function findApiKeyForAuth(db: Executor, keyId: string) {
  const prepared = preparedFor(db, buildAuthLookup);
  const rows = prepared ? await prepared.execute({ keyId }) : await authLookup(db, keyId);
  return rows[0];
}

function authLookup(db: Executor, keyId: string | Placeholder) {
  return db
    .select({
      id: apiKeys.id,
      keyId: apiKeys.keyId,
      name: apiKeys.name,
      secretHash: apiKeys.secretHash,
      scopes: apiKeys.scopes,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      organizationId: organizations.id,
      organizationPublicId: organizations.publicId,
      organizationSlug: organizations.slug,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(eq(apiKeys.keyId, keyId))
    .limit(1);
}

export async function insertApiKey(db: Executor, values: typeof apiKeys.$inferInsert) {
  const [row] = await db.insert(apiKeys).values(values).returning({
    publicId: apiKeys.publicId,
    keyId: apiKeys.keyId,
    name: apiKeys.name,
    scopes: apiKeys.scopes,
    createdAt: apiKeys.createdAt,
    expiresAt: apiKeys.expiresAt,
  });
  return row!;
}

export async function listApiKeysForOrganization(db: Executor, organizationId: number) {
  return db
    .select({
      publicId: apiKeys.publicId,
      keyId: apiKeys.keyId,
      name: apiKeys.name,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, organizationId))
    .orderBy(desc(apiKeys.createdAt))
    .limit(200);
}

export async function revokeApiKey(db: Executor, organizationId: number, keyId: string) {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.keyId, keyId)))
    .returning({ keyId: apiKeys.keyId, name: apiKeys.name, revokedAt: apiKeys.revokedAt });
  return rows[0];
}

/** Only writes when the stamp is older than `staleSeconds`, so a busy key costs few writes. */
export async function touchApiKeyLastUsed(db: Executor, id: number, staleSeconds = 60) {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, sql`now() - make_interval(secs => ${staleSeconds})`),
        ),
      ),
    );
}

/** Revokes only a still-active key of this org; undefined when it is unknown or already revoked. */
export async function revokeActiveApiKey(db: Executor, organizationId: number, keyId: string) {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.keyId, keyId), isNull(apiKeys.revokedAt)),
    )
    .returning({
      publicId: apiKeys.publicId,
      keyId: apiKeys.keyId,
      name: apiKeys.name,
      revokedAt: apiKeys.revokedAt,
    });
  return rows[0];
}

export async function findApiKeyInOrganization(db: Executor, organizationId: number, keyId: string) {
  const rows = await db
    .select({
      publicId: apiKeys.publicId,
      keyId: apiKeys.keyId,
      name: apiKeys.name,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.keyId, keyId)))
    .limit(1);
  return rows[0];
}
