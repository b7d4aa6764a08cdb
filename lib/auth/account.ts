import "server-only";
import { db } from "@/db";
import { replacePasswordHash } from "@/db/queries/memberships";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { hashPassword } from "./password";
import { passwordWeakness } from "./password-strength";
import { beginSignInAttempt } from "./sign-in-throttle";
import { checkPassword } from "./users";

/** Who an account use case acts for: the signed-in user, and the client IP the throttle counts. */
export type AccountContext = {
  user: { id: number; email: string; name: string | null };
  ip: string;
};

/**
 * Checks the current password (through the sign-in throttle: a stolen session must not be a
 * way to guess it), or refuses with a field error on `field`.
 */
export async function confirmPassword(
  ctx: { user: { email: string }; ip: string },
  input: { password: string; field: string },
) {
  const attempt = await beginSignInAttempt(ctx.user.email, ctx.ip);
  if (attempt.retryAfterSeconds > 0) {
    throw new AppError("rate_limited", "Too many wrong passwords from your network. Try again later.", {
      retryAfterSeconds: attempt.retryAfterSeconds,
    });
  }
  const ok = await checkPassword(ctx.user.email, input.password);
  if (!ok) throw AppError.validation([{ path: input.field, message: "That is not your current password." }]);
  await attempt.succeeded();
  return ok;
}

/**
 * Password change from settings: the current password is required, the new one must pass the
 * strength check, and every session of the user ends (the version is bumped with the hash).
 */
export async function changePassword(
  ctx: AccountContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const weakness = passwordWeakness(input.newPassword, [ctx.user.email, ctx.user.name ?? ""]);
  if (weakness) {
    throw AppError.validation([{ path: "newPassword", message: weakness }], MESSAGES.chooseStrongerPassword);
  }
  const confirmed = await confirmPassword(ctx, { password: input.currentPassword, field: "currentPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  // Only if the password checked is still the one stored: two changes at once cannot both win.
  if (!(await replacePasswordHash(db, ctx.user.id, passwordHash, confirmed.sessionVersion))) {
    throw new AppError("conflict", "Your session changed meanwhile. Sign in again.");
  }
}
