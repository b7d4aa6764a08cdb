import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { organizationColumns, userColumns } from "./columns";

export type NewOrganization = typeof organizations.$inferInsert;

/** Inserts unless the slug is taken; undefined on a slug conflict so the caller can try another. */
export async function insertOrganizationIfSlugFree(db: Executor, values: NewOrganization) {
  const rows = await db
    .insert(organizations)
    .values(values)
    .onConflictDoNothing({ target: organizations.slug })
    .returning(organizationColumns);
  return rows[0];
}

export async function findOrganizationBySlug(db: Executor, slug: string) {
  const rows = await db
    .select({
      id: organizations.id,
      publicId: organizations.publicId,
      slug: organizations.slug,
      name: organizations.name,
      plan: organizations.plan,
    })
    .from(organizations)
    .where(eq(organizations.slug, slug))
    .limit(1);
  return rows[0];
}

/** The organization's display name (the `{company}` prompt variable of background jobs). */
export async function findOrganizationNameAndPlan(db: Executor, id: number) {
  const rows = await db
    .select({ name: organizations.name, plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, id));
  return rows[0];
}

/** Inserts unless the email (case-insensitive) is taken; undefined on conflict. */
export async function insertUserIfEmailFree(db: Executor, values: typeof users.$inferInsert) {
  const rows = await db.insert(users).values(values).onConflictDoNothing().returning(userColumns);
  return rows[0];
}

/** Adds the membership or changes the role of an existing one. */
export async function upsertMembership(
  db: Executor,
  values: { organizationId: number; userId: number; role: "owner" | "admin" | "member" },
) {
  await db
    .insert(memberships)
    .values(values)
    .onConflictDoUpdate({
      target: [memberships.organizationId, memberships.userId],
      set: { role: values.role },
    });
}
