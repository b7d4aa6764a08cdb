import { db } from "@/db";
import { findUserByEmail } from "@/db/queries/memberships";
import { findOrganizationBySlug, insertUserIfEmailFree, upsertMembership } from "@/db/queries/organizations";
import type { Actor } from "@/lib/actor";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/unit-of-work";

export type MemberRole = "owner" | "admin" | "member";

/**
 * The operator's `user:create`: creates the user (or reuses one with that email, keeping their
 * password) and gives them `role` in the org. The password is hashed before the transaction.
 */
export async function addUserToOrganization(input: {
  email: string;
  password: string;
  name?: string | null;
  orgSlug: string;
  role: MemberRole;
  actor: Actor;
}) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const org = await findOrganizationBySlug(tx, input.orgSlug);
    if (!org) throw new AppError("not_found", `No organization with slug "${input.orgSlug}".`);
    const inserted = await insertUserIfEmailFree(tx, {
      email: input.email,
      name: input.name ?? null,
      passwordHash,
    });
    const user = inserted ?? (await findUserByEmail(tx, input.email));
    if (!user) throw new Error("user vanished during user:create");
    await upsertMembership(tx, { organizationId: org.id, userId: user.id, role: input.role });
    await writeAudit(
      tx,
      { organizationId: org.id, actor: input.actor },
      "membership.created",
      user.publicId,
      {
        email: user.email,
        role: input.role,
      },
    );
    return {
      user: { id: user.publicId, email: user.email, name: user.name },
      organization: { id: org.publicId, slug: org.slug, name: org.name },
      role: input.role,
      created: Boolean(inserted),
    };
  });
}
