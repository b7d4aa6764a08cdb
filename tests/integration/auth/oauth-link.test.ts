import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { accounts, users } from "@/db/schema";
import { linkOAuthUser } from "@/lib/auth/users";
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
    });
    const again = await linkOAuthUser({
      provider: "github",
      providerAccountId: ghId,
      email: `changed-${email}`,
      name: "Octo",
      image: null,
    });
    expect(again).toBe(first);
    const [user] = await db.select().from(users).where(eq(users.publicId, first));
    expect(user!.email).toBe(email);
    expect(user!.passwordHash).toBeNull();
    expect(await db.select().from(accounts).where(eq(accounts.providerAccountId, ghId))).toHaveLength(1);
  });

  it("links a GitHub account to the existing user with the same email (any case)", async () => {
    const existing = await createTestUser(undefined);
    const ghId = `gh-${uniqueSuffix()}`;
    const linked = await linkOAuthUser({
      provider: "github",
      providerAccountId: ghId,
      email: existing.email.toUpperCase(),
      name: null,
      image: null,
    });
    expect(linked).toBe(existing.publicId);
    const [acc] = await db.select().from(accounts).where(eq(accounts.providerAccountId, ghId));
    expect(acc!.userId).toBe(existing.id);
  });
});
