import { CredentialsSignin } from "next-auth";
import { rateLimitStore } from "@/lib/rate-limit";

// Password guessing is throttled per account: 10 attempts per 15 minutes, whatever the
// client's IP. Counted in the shared rate-limit store so it holds across instances with one.
export const SIGN_IN_ATTEMPTS = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
export async function hitSignInThrottle(email: string): Promise<number> {
  const r = await rateLimitStore().hit(
    `sign-in:${email.trim().toLowerCase()}`,
    SIGN_IN_ATTEMPTS,
    SIGN_IN_WINDOW_MS,
  );
  return r.allowed ? 0 : r.resetSeconds;
}
