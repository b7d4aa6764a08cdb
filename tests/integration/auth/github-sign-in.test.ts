import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { accounts, users } from "@/db/schema";
import { createLinkIntent, LINK_INTENT_COOKIE } from "@/lib/auth/link-intent";
import { signUpWithoutDisclosure } from "@/lib/auth/sign-up";
import { bumpSessionVersion } from "@/lib/auth/users";
import { signUpSchema } from "@/lib/validations/auth";
import { type FakeGitHub, type FakeGitHubUser, startFakeGitHub } from "@/tests/fakes/github-oauth-server";
import { createTestUser, fakeEnv, uniqueSuffix } from "@/tests/fixtures";
import { authGet, authPost, CookieJar, sessionOf, signInOverHttp } from "@/tests/fixtures/auth-http";

let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub();
  // Lasts for this file: tests/setup/integration.ts puts the environment back after it.
  fakeEnv({
    AUTH_SECRET: process.env.AUTH_SECRET ?? "integration-secret-integration-secret",
    AUTH_GITHUB_ID: github.clientId,
    AUTH_GITHUB_SECRET: github.clientSecret,
    AUTH_GITHUB_URL: github.url,
    AUTH_GITHUB_API_URL: `${github.url}/api`,
  });
});
afterAll(async () => {
  await github.close();
});

let n = 0;
function ghUser(email: string, verified = true): FakeGitHubUser {
  const id = 10_000_000 + Math.floor(Math.random() * 1_000_000) + n++;
  return { id, login: `octo${id}`, publicEmail: null, emails: [{ email, primary: true, verified }] };
}

/** "Continue with GitHub" in a browser with `jar`, through Auth.js and the fake GitHub. */
async function continueWithGitHub(jar = new CookieJar()) {
  const start = await authPost("/api/auth/signin/github", { callbackUrl: "/" }, { jar, ip: "192.0.2.50" });
  const authorize = start.headers.get("location")!;
  expect(authorize.startsWith(`${github.url}/login/oauth/authorize`)).toBe(true);
  const consent = await fetch(authorize, { redirect: "manual" });
  const callback = new URL(consent.headers.get("location")!);
  const done = await authGet(`${callback.pathname}${callback.search}`, { jar, ip: "192.0.2.50" });
  const session = await sessionOf(jar);
  return { location: done.headers.get("location") ?? "", userId: session?.user?.id, jar };
}

async function linkedUserOf(gh: FakeGitHubUser) {
  const rows = await db
    .select()
    .from(accounts)
    .where(eq(accounts.providerAccountId, String(gh.id)));
  return rows[0]?.userId;
}

describe("GitHub sign-in through the OAuth wire protocol", () => {
  it("pre-hijack: a password sign-up with the victim's email is never entered by the victim's GitHub", async () => {
    const victimEmail = `victim-${uniqueSuffix()}@corp.test`;
    // The attacker signs up first, with a password, as the victim.
    await signUpWithoutDisclosure(
      { ip: "198.18.0.1" },
      signUpSchema.parse({
        name: "Mallory",
        email: victimEmail,
        password: "mallory keeps the keys",
        organizationName: `Trap ${uniqueSuffix()}`,
      }),
    );
    const [trap] = await db.select().from(users).where(eq(users.email, victimEmail));
    // The real owner, whose GitHub has verified the email, clicks "Continue with GitHub".
    const victim = ghUser(victimEmail, true);
    github.as(victim);
    const r = await continueWithGitHub();
    expect(r.location).toContain("/sign-in?error=LinkFromSettings");
    expect(r.userId).toBeUndefined();
    expect(await linkedUserOf(victim)).toBeUndefined();
    expect(trap!.publicId).toBeDefined();
  });

  it("a new verified GitHub user gets an account; an unverified email gets none", async () => {
    const fresh = ghUser(`new-${uniqueSuffix()}@example.test`);
    github.as(fresh);
    const r2 = await continueWithGitHub();
    const [row] = await db.select().from(users).where(eq(users.email, fresh.emails[0]!.email));
    expect(r2.userId).toBe(row!.publicId);
    expect(row!.passwordHash).toBeNull();

    const unverified = ghUser(`unverified-${uniqueSuffix()}@example.test`, false);
    github.as(unverified);
    const r3 = await continueWithGitHub();
    expect(r3.location).toContain("error=UnverifiedEmail");
    expect(r3.userId).toBeUndefined();
  });

  it("linking from inside the account (settings) works, whatever the GitHub email; then GitHub signs in there", async () => {
    const me = await createTestUser(undefined);
    const signedIn = await signInOverHttp(me.email, me.password, "192.0.2.60");
    const gh = ghUser(`other-address-${uniqueSuffix()}@example.test`, false);
    github.as(gh);
    // What the settings "Link GitHub" action hands the browser after checking the password.
    signedIn.jar.set(LINK_INTENT_COOKIE, createLinkIntent(me.publicId, me.sessionVersion));
    const linked = await continueWithGitHub(signedIn.jar);
    expect(linked.userId).toBe(me.publicId);
    expect(await linkedUserOf(gh)).toBe(me.id);

    const later = await continueWithGitHub(new CookieJar());
    expect(later.userId).toBe(me.publicId);
  });

  it("a link intent dies with the session that made it (signed out → no link)", async () => {
    const me = await createTestUser(undefined);
    const gh = ghUser(me.email, true);
    github.as(gh);
    const jar = new CookieJar();
    jar.set(LINK_INTENT_COOKIE, createLinkIntent(me.publicId, me.sessionVersion));
    await bumpSessionVersion(me.id);
    const r = await continueWithGitHub(jar);
    expect(r.location).toContain("error=LinkFromSettings");
    expect(await linkedUserOf(gh)).toBeUndefined();
  });
});
