import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiKeys, auditEvents } from "@/db/schema";
import { actorFromUser } from "@/lib/actor";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { hashSecret, parseApiKey } from "@/lib/api-keys/format";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKeyOfOrganization } from "@/lib/api-keys/revoke-api-key";
import type { AppError } from "@/lib/errors";
import { createTestOrg, createTestUser } from "@/tests/fixtures";

function bearer(key: string) {
  return new Request("http://localhost/api/v1/agents", { headers: { authorization: `Bearer ${key}` } });
}

async function auditFor(orgId: number) {
  return db.select().from(auditEvents).where(eq(auditEvents.organizationId, orgId));
}

describe("API key use cases", () => {
  it("creates a key shown once, stores only its hash, audits it, and the key authenticates", async () => {
    const org = await createTestOrg();
    const user = await createTestUser(org, { role: "admin" });
    const created = await createApiKey({
      organizationId: org.id,
      actor: actorFromUser(user),
      name: "CI",
      scopes: ["agents:read"],
    });
    expect(created.key).toMatch(/^ya_live_[a-z2-7]{16}_[0-9a-f]{64}$/);
    expect(created.prefix).toBe(`ya_live_${created.key_id}_…`);
    const { secret } = parseApiKey(created.key)!;
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyId, created.key_id));
    expect(row!.secretHash).toBe(hashSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row!.createdByUserId).toBe(user.id);

    const audit = await auditFor(org.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "api_key.created", actorType: "user", actorLabel: user.email });
    expect(JSON.stringify(audit[0]!.metadata)).not.toContain(secret);

    const principal = await authenticateApiKey(bearer(created.key));
    expect(principal.organizationId).toBe(org.id);
    expect(principal.scopes).toEqual(["agents:read"]);
  });

  it("lists keys with prefix and status, never a secret or hash", async () => {
    const org = await createTestOrg();
    const actor = { type: "system" as const, label: "test" };
    const a = await createApiKey({ organizationId: org.id, actor, name: "a", scopes: ["agents:read"] });
    await createApiKey({
      organizationId: org.id,
      actor,
      name: "b",
      scopes: ["agents:read", "agents:write"],
      expiresAt: new Date(Date.now() + 60_000),
    });
    await revokeApiKeyOfOrganization({ organizationId: org.id, keyId: a.key_id, actor });
    const list = await listApiKeys(org.id, new Date(Date.now() + 120_000));
    expect(list.map((k) => [k.name, k.status])).toEqual([
      ["b", "expired"],
      ["a", "revoked"],
    ]);
    const text = JSON.stringify(list);
    expect(text).not.toContain(parseApiKey(a.key)!.secret);
    expect(text).not.toMatch(/secret|hash/i);
  });

  it("refuses an expiry in the past and writes nothing", async () => {
    const org = await createTestOrg();
    const err = await createApiKey({
      organizationId: org.id,
      actor: { type: "system", label: "t" },
      name: "old",
      scopes: ["agents:read"],
      expiresAt: new Date(Date.now() - 1000),
    }).catch((e) => e);
    expect((err as AppError).code).toBe("validation_failed");
    expect(await db.select().from(apiKeys).where(eq(apiKeys.organizationId, org.id))).toHaveLength(0);
    expect(await auditFor(org.id)).toHaveLength(0);
  });

  it("revokes: the key stops working at once, one audit event even when revoked twice", async () => {
    const org = await createTestOrg();
    const actor = { type: "system" as const, label: "test" };
    const k = await createApiKey({ organizationId: org.id, actor, name: "x", scopes: ["agents:read"] });
    const first = await revokeApiKeyOfOrganization({ organizationId: org.id, keyId: k.key_id, actor });
    expect(first.already).toBe(false);
    const again = await revokeApiKeyOfOrganization({ organizationId: org.id, keyId: k.key_id, actor });
    expect(again.already).toBe(true);
    expect(again.revoked_at).toBe(first.revoked_at);
    const revokedEvents = (await auditFor(org.id)).filter((e) => e.action === "api_key.revoked");
    expect(revokedEvents).toHaveLength(1);
    const err = await authenticateApiKey(bearer(k.key)).catch((e) => e);
    expect((err as AppError).code).toBe("unauthenticated");
  });

  it("cannot revoke another organization's key", async () => {
    const orgA = await createTestOrg();
    const orgB = await createTestOrg();
    const actor = { type: "system" as const, label: "test" };
    const k = await createApiKey({ organizationId: orgB.id, actor, name: "b", scopes: ["agents:read"] });
    const err = await revokeApiKeyOfOrganization({ organizationId: orgA.id, keyId: k.key_id, actor }).catch(
      (e) => e,
    );
    expect((err as AppError).code).toBe("not_found");
    const [row] = await db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyId, k.key_id), eq(apiKeys.organizationId, orgB.id)));
    expect(row!.revokedAt).toBeNull();
    expect(await auditFor(orgA.id)).toHaveLength(0);
  });
});
