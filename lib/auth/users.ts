import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { bumpUserSessionVersion, findUserByEmail } from "@/db/queries/memberships";
import { accounts, users } from "@/db/schema";
import { safeErrorFields } from "@/lib/http/safe-error";
import { log } from "@/lib/logger";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "./password";

export type SessionUser = { id: string; email: string; name: string | null };

/** Credentials check. The returned `id` is the user's PUBLIC id: it is what the JWT carries. */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await checkPassword(email, password);
  return user ? { id: user.id, email: user.email, name: user.name } : null;
}

/** verifyCredentials plus the session version the new JWT must carry. */
export async function checkPassword(
  email: string,
  password: string,
): Promise<(SessionUser & { sessionVersion: number }) | null> {
  const user = await findUserByEmail(db, email);
  // Hash anyway when the user is unknown (or has no password) so timing does not reveal
  // which emails exist: DUMMY_HASH costs what a real one does.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || !ok) return null;
  if (needsRehash(user.passwordHash)) await upgradeHash(user.id, user.passwordHash, password);
  return { id: user.publicId, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

/** Stores the password again at today's parameters; only if the hash is still the old one. */
async function upgradeHash(userId: number, oldHash: string, password: string): Promise<void> {
  try {
    const passwordHash = await hashPassword(password);
    await db
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.passwordHash, oldHash)));
  } catch (e) {
    // The sign-in itself succeeded; the next one tries again.
    // Drizzle's message would carry the statement and its parameters, the new hash among them.
    log("warn", "password rehash failed", safeErrorFields(e));
  }
}

/** Ends every session of the user (sign-out, sign out everywhere, password change, removal). */
export async function bumpSessionVersion(userId: number): Promise<void> {
  await bumpUserSessionVersion(db, userId);
}

export class OAuthLinkRefused extends Error {
  constructor(readonly reason: "link_from_settings" | "unverified_email" | "linked_elsewhere") {
    super(`GitHub sign-in refused: ${reason}`);
  }
}

/**
 * GitHub sign-in. An identity already linked signs in to its user. Otherwise it is linked to
 * an existing account only when (a) that account's owner asked for it from inside the account
 * (`linkToUserId`, from a settings link intent), or (b) GitHub verified the email and the
 * account has no password, so nobody else can hold a way in to it. A password account with
 * the same email is never entered from outside: whoever set that password may not own the
 * email (account pre-hijack). A new user is created only for a verified email.
 * Returns the user's public id; throws OAuthLinkRefused. One transaction.
 */
export async function linkOAuthUser(input: {
  provider: string;
  providerAccountId: string;
  email: string;
  name: string | null;
  image: string | null;
  emailVerified?: boolean;
  linkToUserId?: number;
}): Promise<string> {
  return db.transaction(async (tx) => {
    const linked = await tx
      .select({ userId: users.id, publicId: users.publicId })
      .from(accounts)
      .innerJoin(users, eq(users.id, accounts.userId))
      .where(
        and(eq(accounts.provider, input.provider), eq(accounts.providerAccountId, input.providerAccountId)),
      )
      .limit(1);
    if (linked[0]) {
      if (input.linkToUserId !== undefined && linked[0].userId !== input.linkToUserId) {
        throw new OAuthLinkRefused("linked_elsewhere");
      }
      return linked[0].publicId;
    }
    let user: { id: number; publicId: string } | undefined;
    if (input.linkToUserId !== undefined) {
      [user] = await tx
        .select({ id: users.id, publicId: users.publicId })
        .from(users)
        .where(eq(users.id, input.linkToUserId));
    } else {
      if (!input.emailVerified) throw new OAuthLinkRefused("unverified_email");
      const [existing] = await tx
        .select({
          id: users.id,
          publicId: users.publicId,
          hasPassword: sql<boolean>`${users.passwordHash} is not null`,
        })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${input.email})`)
        .limit(1)
        .for("update");
      if (existing?.hasPassword) throw new OAuthLinkRefused("link_from_settings");
      user =
        existing ??
        (
          await tx
            .insert(users)
            .values({ email: input.email, name: input.name, image: input.image, emailVerified: new Date() })
            .onConflictDoNothing()
            .returning({ id: users.id, publicId: users.publicId })
        )[0];
    }
    if (!user) throw new Error("could not link the OAuth account");
    await tx
      .insert(accounts)
      .values({ userId: user.id, provider: input.provider, providerAccountId: input.providerAccountId })
      .onConflictDoNothing();
    return user.publicId;
  });
}

export async function hasLinkedAccount(userId: number, provider: string): Promise<boolean> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.provider, provider)))
    .limit(1);
  return rows.length > 0;
}
