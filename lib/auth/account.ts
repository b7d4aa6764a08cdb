import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashPassword } from "./password";
import { passwordWeakness } from "./password-strength";
import { beginSignInAttempt } from "./sign-in-throttle";
import { checkPassword } from "./users";

/**
 * Checks the current password (through the sign-in throttle: a stolen session must not be a
 * way to guess it), or refuses with a field error on `field`.
 */
export async function confirmPassword(email: string, password: string, ip: string, field: string) {
  const attempt = await beginSignInAttempt(email, ip);
  if (attempt.retryAfterSeconds > 0) {
    throw new AppError("rate_limited", "Too many wrong passwords from your network. Try again later.", {
      headers: { "Retry-After": String(attempt.retryAfterSeconds) },
    });
  }
  const ok = await checkPassword(email, password);
  if (!ok) throw AppError.validation([{ path: field, message: "That is not your current password." }]);
  await attempt.succeeded();
  return ok;
}

/**
 * Password change from settings: the current password is required, the new one must pass the
 * strength check, and every session of the user ends (the version is bumped with the hash).
 */
export async function changePassword(input: {
  user: { id: number; email: string; name: string | null };
  currentPassword: string;
  newPassword: string;
  ip: string;
}): Promise<void> {
  const weakness = passwordWeakness(input.newPassword, [input.user.email, input.user.name ?? ""]);
  if (weakness)
    throw AppError.validation([{ path: "newPassword", message: weakness }], "Choose a stronger password.");
  const confirmed = await confirmPassword(
    input.user.email,
    input.currentPassword,
    input.ip,
    "currentPassword",
  );
  const passwordHash = await hashPassword(input.newPassword);
  const updated = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    // Only if the password checked is still the one stored: two changes at once cannot both win.
    .where(and(eq(users.id, input.user.id), eq(users.sessionVersion, confirmed.sessionVersion)))
    .returning({ id: users.id });
  if (updated.length === 0) throw new AppError("conflict", "Your session changed meanwhile. Sign in again.");
}
