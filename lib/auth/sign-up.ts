import { db } from "@/db";
import { insertUserIfEmailFree, upsertMembership } from "@/db/queries/organizations";
import { AppError } from "@/lib/errors";
import { insertOrganization } from "@/lib/organizations/create-organization";
import type { SignUpInput } from "@/lib/validations/auth";
import { hashPassword } from "./password";

/**
 * Creates the user, their organization (slug derived from its name, made unique) and the owner
 * membership in ONE transaction: a failure leaves nothing behind. Hashing happens before it.
 */
export async function signUpUser(input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await insertUserIfEmailFree(tx, { email: input.email, name: input.name, passwordHash });
    if (!user) {
      throw AppError.validation(
        [{ path: "email", message: "An account with this email already exists. Sign in instead." }],
        "An account with this email already exists.",
      );
    }
    const org = await insertOrganization(tx, {
      name: input.organizationName,
      actor: { type: "user", userId: user.id, publicId: user.publicId, label: user.email },
    });
    await upsertMembership(tx, { organizationId: org.id, userId: user.id, role: "owner" });
    return { user: { publicId: user.publicId, email: user.email }, org: { slug: org.slug, name: org.name } };
  });
}
