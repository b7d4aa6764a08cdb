import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { findApiKeyForAuth } from "@/db/queries/api-keys";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { ApiKeyCache, apiKeyLookups, coherentApiKeyCache } from "@/lib/api-keys/key-cache";
import { revokeApiKeyOfOrganization } from "@/lib/api-keys/revoke-api-key";
import { INVALIDATION_CHANNEL, invalidationListenerInfo } from "@/lib/coherence/invalidation";
import type { AppError } from "@/lib/errors";
import { createTestApiKey } from "@/tests/fixtures";
import { secondInstance, within } from "@/tests/fixtures/second-instance";

// The API key is cached per process for a few seconds; a revocation must still be refused within
// 1 s on every instance. "Another instance" is a second connection that changes the row and sends
// the announcement the app sends, or a second cache on the channel standing for instance B's.
const instance = secondInstance();
const other = instance.other;
const actor = { type: "system" as const, label: "test" };

const bearer = (key: string) =>
  new Request("http://localhost/", { headers: { authorization: `Bearer ${key}` } });

/** The key's verdict here: "ok", or the error code it is refused with. */
async function verdict(key: string): Promise<string> {
  return authenticateApiKey(bearer(key)).then(
    () => "ok",
    (e: AppError) => e.code,
  );
}

/** A key this process has used (and so cached): the second use sends no lookup. */
async function cachedKey() {
  const k = await createTestApiKey(instance.org);
  expect(await verdict(k.key)).toBe("ok");
  const before = apiKeyLookups();
  expect(await verdict(k.key)).toBe("ok");
  expect(apiKeyLookups() - before).toBe(0);
  return k;
}

describe("API key cache across instances", () => {
  it("revoked elsewhere with the announcement: refused here within 1 s (without it only the TTL would tell)", async () => {
    const k = await cachedKey();
    await other`update api_keys set revoked_at = now() where key_id = ${k.keyId}`;
    // Unannounced, the cached copy still answers: the cache is real, the channel is what tells.
    expect(await verdict(k.key)).toBe("ok");
    await other`select pg_notify(${INVALIDATION_CHANNEL}, ${`apikey:${k.keyId}`})`;
    const ms = await within(1_000, async () => (await verdict(k.key)) === "unauthenticated");
    expect(ms).toBeLessThan(1_000);
  });

  it("the app's revoke: refused at once here, and dropped from another instance's cache within 1 s", async () => {
    const k = await cachedKey();
    const b = coherentApiKeyCache(); // instance B's cache, on the same channel
    const row = await findApiKeyForAuth(db, k.keyId);
    if (!row) throw new Error("key row");
    b.set(k.keyId, row, b.begin());
    expect(b.get(k.keyId)).toBeDefined();
    await revokeApiKeyOfOrganization({ organizationId: instance.org.id, keyId: k.keyId, actor });
    expect(await verdict(k.key)).toBe("unauthenticated");
    expect(await within(1_000, () => b.get(k.keyId) === undefined)).toBeLessThan(1_000);
  });

  it("a lookup that started before a drop does not put the old row back", async () => {
    const c = new ApiKeyCache();
    const k = await createTestApiKey(instance.org);
    const row = await findApiKeyForAuth(db, k.keyId);
    if (!row) throw new Error("key row");
    const since = c.begin();
    c.drop(k.keyId); // the announcement arrives while the lookup is in flight
    c.set(k.keyId, row, since);
    expect(c.get(k.keyId)).toBeUndefined();
    const later = c.begin();
    c.set(k.keyId, row, later);
    expect(c.get(k.keyId)).toBeDefined();
    c.dropAll();
    c.set(k.keyId, row, later);
    expect(c.get(k.keyId)).toBeUndefined();
  });

  it("a wrong secret for a cached key id is refused and does not disturb the entry", async () => {
    const k = await cachedKey();
    const forged = k.key.replace(/[0-9a-f]{64}$/, "0".repeat(64));
    expect(await verdict(forged)).toBe("unauthenticated");
    const before = apiKeyLookups();
    expect(await verdict(k.key)).toBe("ok");
    expect(apiKeyLookups() - before).toBe(0);
  });

  it("after the listener's connection is cut, a key revoked meanwhile is refused once it listens again", async () => {
    const k = await cachedKey();
    const before = invalidationListenerInfo();
    const [cut] = await other<{ ok: boolean }[]>`select pg_terminate_backend(${before.pid ?? 0}) as ok`;
    expect(cut?.ok).toBe(true);
    // Revoked while nobody listened: no message will ever arrive for it.
    await other`update api_keys set revoked_at = now() where key_id = ${k.keyId}`;
    await within(5_000, () => invalidationListenerInfo().connects > before.connects);
    expect(invalidationListenerInfo().state).toBe("listening");
    expect(await verdict(k.key)).toBe("unauthenticated");
  });
});
