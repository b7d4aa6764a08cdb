import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awaitListening, INVALIDATION_CHANNEL } from "@/lib/coherence/invalidation";
import { getActiveWidgetAgent } from "@/lib/widget/agent-cache";
import { encryptIdentitySecret, newIdentitySecret } from "@/lib/widget/identity/secret";
import {
  createIdentityAgent,
  exchangeIdentityToken,
  rotateIdentitySecretViaApi,
  signIdentity,
} from "@/tests/fixtures";

// Promise 35 for the identity secret: a rotation made through another instance (a second
// connection writing the row and sending the app's NOTIFY) makes this instance refuse tokens of
// the old secret within a second, although it had the agent cached.
const other = postgres(process.env.DATABASE_URL as string, { max: 2, onnotice: () => {} });

beforeAll(async () => {
  expect(await awaitListening(5_000)).toBe("listening");
});
afterAll(async () => {
  await other.end({ timeout: 5 });
});

describe("identity secret rotation across instances", () => {
  it("the old secret fails here within 1 s of a rotation elsewhere; the new one works", async () => {
    const { agent, secret: old } = await createIdentityAgent("optional");
    expect((await exchangeIdentityToken(agent.publicId, await signIdentity(old))).status).toBe(200);
    expect(await getActiveWidgetAgent(agent.publicId)).toBeDefined(); // cached now

    const fresh = newIdentitySecret();
    const ciphertext = await encryptIdentitySecret(agent.id, fresh);
    await other.begin(async (tx) => {
      await tx`update agents set identity_secret_ciphertext = ${ciphertext} where id = ${agent.id}`;
      await tx`select pg_notify(${INVALIDATION_CHANNEL}, ${agent.publicId})`;
    });
    const started = Date.now();
    for (;;) {
      const res = await exchangeIdentityToken(agent.publicId, await signIdentity(old));
      if (res.status === 401) break;
      if (Date.now() - started > 1_000) throw new Error("the old secret still works after 1 s");
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await exchangeIdentityToken(agent.publicId, await signIdentity(fresh))).status).toBe(200);
  });

  it("a rotation through this instance's API fails the old secret at once", async () => {
    const { key, agent, secret: old } = await createIdentityAgent("optional");
    expect((await exchangeIdentityToken(agent.publicId, await signIdentity(old))).status).toBe(200);
    const fresh = await rotateIdentitySecretViaApi(key, agent.publicId);
    expect((await exchangeIdentityToken(agent.publicId, await signIdentity(old))).status).toBe(401);
    expect((await exchangeIdentityToken(agent.publicId, await signIdentity(fresh))).status).toBe(200);
  });
});
