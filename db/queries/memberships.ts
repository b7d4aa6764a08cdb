import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { organizationColumns, userColumns } from "./columns";

export type MembershipRole = (typeof memberships.role.enumValues)[number];

/** The signed-in user's row, by the public id carried in the session JWT. */
export async function findUserByPublicId(db: Executor, publicId: string) {
  const rows = await db
    .select({
      ...userColumns,
      sessionVersion: users.sessionVersion,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(eq(users.publicId, publicId))
    .limit(1);
  return rows[0];
}

export async function findUserByEmail(db: Executor, email: string) {
  const rows = await db
    .select({ ...userColumns, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0];
}

/** One statement: the org by slug plus the user's role in it; undefined when not a member. */
export async function findMembershipBySlug(db: Executor, userId: number, slug: string) {
  const rows = await db
    .select({
      role: memberships.role,
      org: { ...organizationColumns, agentCount: organizations.agentCount },
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(organizations.slug, slug)))
    .limit(1);
  return rows[0];
}

/** The orgs a user belongs to (for the switcher and `/`), oldest membership first. */
export async function listOrganizationsForUser(db: Executor, userId: number) {
  return db
    .select({ slug: organizations.slug, name: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organizations.slug))
    .limit(100);
}

export async function listMembersOfOrganization(db: Executor, organizationId: number) {
  return db
    .select({
      publicId: users.publicId,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.createdAt))
    .limit(500);
}

/** A member's role and public id, the membership row locked until the transaction ends. */
export async function lockMembership(tx: Executor, organizationId: number, userId: number) {
  const rows = await tx
    .select({ role: memberships.role, userPublicId: users.publicId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .for("update", { of: memberships });
  return rows[0];
}

export async function deleteMembership(tx: Executor, organizationId: number, userId: number) {
  await tx
    .delete(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

export async function setMembershipRole(
  tx: Executor,
  organizationId: number,
  userId: number,
  role: MembershipRole,
) {
  await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

/** Ends every session of the user: JWTs carry the version they were issued at. */
export async function bumpUserSessionVersion(tx: Executor, userId: number) {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/**
 * A new password hash that ends every session, only if the session version is still
 * `expectedVersion` (two changes at once cannot both win). False when it was not.
 */
export async function replacePasswordHash(
  db: Executor,
  userId: number,
  passwordHash: string,
  expectedVersion: number,
): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, expectedVersion)))
    .returning({ id: users.id });
  return updated.length > 0;
}
