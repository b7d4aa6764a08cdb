import { db } from "@/db";
import { insertUserIfEmailFree, upsertMembership } from "@/db/queries/organizations";
import { AppError, isAppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { insertOrganization } from "@/lib/organizations/create-organization";
import { rateLimitStore } from "@/lib/rate-limit";
import type { SignUpInput } from "@/lib/validations/auth";
import { hashPassword } from "./password";
import { passwordWeakness } from "./password-strength";

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

/** Sign-ups per client IP per hour: enough for an office, not for a script. */
export const SIGN_UPS_PER_IP = 5;
export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;

/**
 * The sign-up form. Refuses a weak password (before any hashing: it says nothing about the
 * email) and more than SIGN_UPS_PER_IP per hour from one IP. A taken email is not disclosed:
 * the answer and the work (one hash, one transaction) are the same as for a free one, and
 * either way the next step is to sign in.
 */
export async function signUpWithoutDisclosure(
  ctx: { ip: string },
  input: SignUpInput,
): Promise<{ next: "sign-in" }> {
  const weakness = passwordWeakness(input.password, [input.email, input.name, input.organizationName]);
  if (weakness) {
    throw AppError.validation([{ path: "password", message: weakness }], MESSAGES.chooseStrongerPassword);
  }
  const limit = await rateLimitStore().hit(`sign-up:${ctx.ip}`, SIGN_UPS_PER_IP, SIGN_UP_WINDOW_MS);
  if (!limit.allowed) {
    throw new AppError("rate_limited", "Too many sign-ups from your network. Try again later.", {
      retryAfterSeconds: limit.resetSeconds,
      extra: { retryAfterSeconds: limit.resetSeconds },
    });
  }
  try {
    await signUpUser(input);
  } catch (e) {
    if (!(isAppError(e) && e.code === "validation_failed" && isTakenEmail(e))) throw e;
  }
  return { next: "sign-in" };
}

function isTakenEmail(e: AppError): boolean {
  const errors = e.extra.errors as { path: string }[] | undefined;
  return errors?.length === 1 && errors[0]!.path === "email";
}
