import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { accounts, users } from "@/db/schema";
import { linkOAuthUser, OAuthLinkRefused } from "@/lib/auth/users";
import { createTestUser, uniqueSuffix } from "@/tests/fixtures";

describe("GitHub sign-in linking", () => {
  it("creates a user for a new GitHub account, then finds the same user again", async () => {
    const ghId = `gh-${uniqueSuffix()}`;
    const email = `octo-${uniqueSuffix()}@example.test`;
    const first = await linkOAuthUser({
      provider: "github",
      providerAccountId: ghId,
      email,
      name: "Octo",
      image: null,
      emailVerified: true,
    });
    const again = await linkOAuthUser({
      provider: "github",
      providerAccountId: ghId,
      email: `changed-${email}`,
      name: "Octo",
      image: null,
      emailVerified: true,
    });
    expect(again).toBe(first);
    const [user] = await db.select().from(users).where(eq(users.publicId, first));
    expect(user!.email).toBe(email);
    expect(user!.passwordHash).toBeNull();
    expect(await db.select().from(accounts).where(eq(accounts.providerAccountId, ghId))).toHaveLength(1);
  });

  it("never enters an existing password account from outside, verified email or not", async () => {
    const existing = await createTestUser(undefined);
    for (const emailVerified of [true, false]) {
      const ghId = `gh-${uniqueSuffix()}`;
      const err = await linkOAuthUser({
        provider: "github",
        providerAccountId: ghId,
        email: existing.email.toUpperCase(),
        name: null,
        image: null,
        emailVerified,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(OAuthLinkRefused);
      expect(await db.select().from(accounts).where(eq(accounts.providerAccountId, ghId))).toHaveLength(0);
    }
  });

  it("links to a password-less account only when GitHub verified the email", async () => {
    const [existing] = await db
      .insert(users)
      .values({ email: `nopass-${uniqueSuffix()}@example.test`, name: "No Pass" })
      .returning();
    const base = { provider: "github", email: existing!.email.toUpperCase(), name: null, image: null };
    const unverified = await linkOAuthUser({ ...base, providerAccountId: `gh-${uniqueSuffix()}` }).catch(
      (e) => e,
    );
    expect((unverified as OAuthLinkRefused).reason).toBe("unverified_email");
    const ghId = `gh-${uniqueSuffix()}`;
    const linked = await linkOAuthUser({ ...base, providerAccountId: ghId, emailVerified: true });
    expect(linked).toBe(existing!.publicId);
    const [acc] = await db.select().from(accounts).where(eq(accounts.providerAccountId, ghId));
    expect(acc!.userId).toBe(existing!.id);
  });

  it("links from inside an account whatever the GitHub email, but not an identity linked elsewhere", async () => {
    const me = await createTestUser(undefined);
    const other = await createTestUser(undefined);
    const ghId = `gh-${uniqueSuffix()}`;
    const base = { provider: "github", name: null, image: null, email: "whatever@example.test" };
    expect(await linkOAuthUser({ ...base, providerAccountId: ghId, linkToUserId: me.id })).toBe(me.publicId);
    const stolen = await linkOAuthUser({ ...base, providerAccountId: ghId, linkToUserId: other.id }).catch(
      (e) => e,
    );
    expect((stolen as OAuthLinkRefused).reason).toBe("linked_elsewhere");
  });
});
