import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { organizationColumns, userColumns } from "./columns";

export type MembershipRole = (typeof memberships.role.enumValues)[number];

/** The signed-in user's row, by the public id carried in the session JWT. */
export async function findUserByPublicId(db: Executor, publicId: string) {
  const rows = await db.select(userColumns).from(users).where(eq(users.publicId, publicId)).limit(1);
  return rows[0];
}

export async function findUserByEmail(db: Executor, email: string) {
  const rows = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
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
