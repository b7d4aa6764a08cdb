import { CredentialsSignin } from "next-auth";
import { rateLimitStore } from "@/lib/rate-limit";

// Password guessing is limited by FAILED attempts, per client IP and per (account, IP), never
// per account alone: failures from other IPs cannot stop the owner's correct password from
// theirs, and successful sign-ins never count. Tiers make the wait grow with the failures.
export type ThrottleTier = { scope: "ip" | "pair"; max: number; windowMs: number };

export const SIGN_IN_TIERS: ThrottleTier[] = [
  // A few typos from one place cost nothing; then at most a minute's wait.
  { scope: "pair", max: 5, windowMs: 60_000 },
  // One IP guessing across accounts: 10 failures per 15 minutes.
  { scope: "ip", max: 10, windowMs: 15 * 60_000 },
  // Sustained guessing from one IP: at most a day's wait.
  { scope: "ip", max: 50, windowMs: 24 * 60 * 60_000 },
];
/** The longest wait a correct password can meet: the longest tier window. */
export const SIGN_IN_MAX_DELAY_MS = Math.max(...SIGN_IN_TIERS.map((t) => t.windowMs));

export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

// Each tier keeps one failure counter per window. An attempt counts as a failure from its start
// (so parallel guesses cannot all pass the check) and is given back when the password was right
// or the attempt was refused: one statement for all tiers on the way in, one on the way out.
function keyOf(tier: ThrottleTier, email: string, ip: string): string {
  const subject = tier.scope === "ip" ? `ip:${ip}` : `pair:${ip}:${email}`;
  return `sign-in:${tier.windowMs}:${subject}`;
}

export type SignInAttempt = {
  /** Seconds to wait when the attempt is refused, else 0 (then verify the password). */
  retryAfterSeconds: number;
  /** The password was right: the attempt no longer counts. */
  succeeded(): Promise<void>;
};

/** Starts one sign-in attempt for `email` from `ip`; call before any password work. */
export async function beginSignInAttempt(email: string, ip: string): Promise<SignInAttempt> {
  const store = rateLimitStore();
  const account = email.trim().toLowerCase();
  const changes = SIGN_IN_TIERS.map((tier) => ({
    key: keyOf(tier, account, ip),
    delta: 1,
    windowMs: tier.windowMs,
  }));
  const counts = await store.adjust(changes);
  let retryAfterSeconds = 0;
  counts.forEach((c, i) => {
    // c.count includes this attempt: the failures before it are one less.
    if (c.count - 1 >= SIGN_IN_TIERS[i]!.max) retryAfterSeconds = Math.max(retryAfterSeconds, c.resetSeconds);
  });
  const refund = async () => {
    await store.adjust(changes.map((c) => ({ ...c, delta: -1 })));
  };
  if (retryAfterSeconds > 0) await refund();
  return { retryAfterSeconds, succeeded: refund };
}
