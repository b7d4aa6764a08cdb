import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { findUserByEmail } from "@/db/queries/memberships";
import { accounts, users } from "@/db/schema";
import { verifyPassword } from "./password";

export type SessionUser = { id: string; email: string; name: string | null };

/** Credentials check. The returned `id` is the user's PUBLIC id: it is what the JWT carries. */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await findUserByEmail(db, email);
  // Hash anyway when the user is unknown so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || !ok) return null;
  return { id: user.publicId, email: user.email, name: user.name };
}

const DUMMY_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

/**
 * GitHub sign-in: finds the user linked to this GitHub account, else links the user with the
 * same email, else creates one. Returns the user's public id. One transaction.
 */
export async function linkOAuthUser(input: {
  provider: string;
  providerAccountId: string;
  email: string;
  name: string | null;
  image: string | null;
}): Promise<string> {
  return db.transaction(async (tx) => {
    const linked = await tx
      .select({ publicId: users.publicId })
      .from(accounts)
      .innerJoin(users, eq(users.id, accounts.userId))
      .where(
        and(eq(accounts.provider, input.provider), eq(accounts.providerAccountId, input.providerAccountId)),
      )
      .limit(1);
    if (linked[0]) return linked[0].publicId;

    const [inserted] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, image: input.image, emailVerified: new Date() })
      .onConflictDoNothing()
      .returning({ id: users.id, publicId: users.publicId });
    const user =
      inserted ??
      (
        await tx
          .select({ id: users.id, publicId: users.publicId })
          .from(users)
          .where(sql`lower(${users.email}) = lower(${input.email})`)
          .limit(1)
      )[0];
    if (!user) throw new Error("could not link the OAuth account");
    await tx
      .insert(accounts)
      .values({ userId: user.id, provider: input.provider, providerAccountId: input.providerAccountId })
      .onConflictDoNothing();
    return user.publicId;
  });
}
