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

// The store only counts up (hit), so a failure count that can also be READ is kept as the
// difference of two counters: T gets 2 hits per attempt, N gets 1 hit per attempt (the read)
// plus 1 per refund. T − N is then "attempts not refunded" = failures + attempts in flight.
// An attempt counts as a failure from its start, so parallel guesses cannot all pass the
// check; success and a refused attempt refund it. Reads use a huge limit: exact counts.
const READ_LIMIT = 1_000_000_000;

function keys(tier: ThrottleTier, email: string, ip: string) {
  const subject = tier.scope === "ip" ? `ip:${ip}` : `pair:${ip}:${email}`;
  const base = `sign-in:${tier.windowMs}:${subject}`;
  return { t: `${base}:t`, n: `${base}:n` };
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
  const tiers = SIGN_IN_TIERS.map((tier) => ({ tier, ...keys(tier, account, ip) }));
  const counts = await Promise.all(
    tiers.map(async ({ tier, t, n }) => {
      const [t1, t2, n1] = await Promise.all([
        store.hit(t, READ_LIMIT, tier.windowMs),
        store.hit(t, READ_LIMIT, tier.windowMs),
        store.hit(n, READ_LIMIT, tier.windowMs),
      ]);
      const total = READ_LIMIT - Math.min(t1.remaining, t2.remaining);
      const refunds = READ_LIMIT - n1.remaining;
      // Failures before this attempt; the window's end is when the tier lets go.
      return { failures: total - refunds - 1, resetSeconds: Math.max(t1.resetSeconds, t2.resetSeconds) };
    }),
  );
  const refund = async () => {
    await Promise.all(tiers.map(({ tier, n }) => rateLimitStore().hit(n, READ_LIMIT, tier.windowMs)));
  };
  let retryAfterSeconds = 0;
  counts.forEach((c, i) => {
    if (c.failures >= tiers[i]!.tier.max) retryAfterSeconds = Math.max(retryAfterSeconds, c.resetSeconds);
  });
  if (retryAfterSeconds > 0) await refund();
  return { retryAfterSeconds, succeeded: refund };
}
