import { eq, sql } from "drizzle-orm";
import { generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents } from "@/db/schema";
import { verifyWidgetToken } from "@/lib/widget/token";
import {
  createIdentityAgent,
  exchangeIdentityToken,
  rotateIdentitySecretViaApi,
  signIdentity,
} from "@/tests/fixtures";

// Promise 38, acceptance 1: every malformed, alg-swapped, expired, over-long or wrongly signed
// identity token is a 401 at POST /api/widget/session; a good one is a session bound to its sub.
let agent: { publicId: string; id: number };
let other: { publicId: string };
let secret: string;
let oldSecret: string;
let otherSecret: string;
const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

beforeAll(async () => {
  const mine = await createIdentityAgent("optional");
  agent = mine.agent;
  oldSecret = mine.secret;
  secret = await rotateIdentitySecretViaApi(mine.key, agent.publicId);
  const theirs = await createIdentityAgent("optional");
  other = theirs.agent;
  otherSecret = theirs.secret;
});

describe("identity tokens at POST /api/widget/session", () => {
  const cases: [string, () => Promise<string>][] = [
    [
      "alg: none",
      async () => `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "u", iat: now(), exp: now() + 60 })}.`,
    ],
    [
      "RS256",
      async () => {
        const { privateKey } = await generateKeyPair("RS256");
        return new SignJWT({ sub: "u" })
          .setProtectedHeader({ alg: "RS256" })
          .setIssuedAt()
          .setExpirationTime("1h")
          .sign(privateKey);
      },
    ],
    ["HS512", () => signIdentity(secret, {}, "HS512")],
    ["expired", () => signIdentity(secret, { iat: now() - 7200, exp: now() - 3600 })],
    ["exp more than 24 h after iat", () => signIdentity(secret, { iat: now(), exp: now() + 24 * 3600 + 1 })],
    ["no exp", () => signIdentity(secret, { exp: undefined })],
    ["no sub", () => signIdentity(secret, { sub: undefined })],
    ["a 256-character sub", () => signIdentity(secret, { sub: "x".repeat(256) })],
    ["signed with another agent's secret", () => signIdentity(otherSecret)],
    ["signed with the secret before rotation", () => signIdentity(oldSecret)],
    ["aud of another agent", () => signIdentity(secret, { aud: other.publicId })],
    ["iat more than 60 s in the future", () => signIdentity(secret, { iat: now() + 120, exp: now() + 3600 })],
    ["not a JWT", async () => "not.a.token"],
  ];

  it.each(cases)("%s → 401, no session", async (_name, make) => {
    const res = await exchangeIdentityToken(agent.publicId, await make());
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ code: "unauthenticated" });
    expect(res.json).not.toHaveProperty("token");
  });

  it("a good token → a session bound to its sub (name and email carried), 255-char sub and aud accepted", async () => {
    const res = await exchangeIdentityToken(
      agent.publicId,
      await signIdentity(secret, {
        sub: "s".repeat(255),
        name: "Ada",
        email: "ada@example.com",
        aud: agent.publicId,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({ id: "s".repeat(255), name: "Ada", email: "ada@example.com" });
    const session = await verifyWidgetToken(res.json.token);
    expect(session).toMatchObject({ agentPublicId: agent.publicId, user: { sub: "s".repeat(255) } });
  });

  it("60 s of clock skew is tolerated both ways", async () => {
    const t = await signIdentity(secret, { iat: now() + 30, exp: now() - 30 + 3600 });
    expect((await exchangeIdentityToken(agent.publicId, t)).status).toBe(200);
    const justExpired = await signIdentity(secret, { iat: now() - 3600, exp: now() - 30 });
    expect((await exchangeIdentityToken(agent.publicId, justExpired)).status).toBe(200);
  });

  it("an agent with identity off refuses tokens; the secret is audited without its value", async () => {
    const { org, agentId, secret: s } = await createIdentityAgent("off");
    expect((await exchangeIdentityToken(agentId, await signIdentity(s))).status).toBe(401);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    const rotated = events.filter((e) => e.action === "agent.identity_secret_rotated");
    expect(rotated).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(s);
  });

  it("the database holds the secret encrypted, never in clear", async () => {
    const [row] = await db.execute<{ c: string | null }>(
      sql`select identity_secret_ciphertext as c from agents where id = ${agent.id}`,
    );
    expect(row?.c).toBeTruthy();
    expect(row?.c).not.toContain(secret.slice(5));
  });
});
