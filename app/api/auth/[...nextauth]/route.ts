// More specific than app/api/[...path], so /api/auth/* reaches next-auth.
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { withSignInOutcome } from "@/lib/auth/sign-in-outcome";

export const { GET } = handlers;

/** A throttled credentials sign-in answers 429 with Retry-After instead of a redirect. */
export function POST(req: NextRequest): Promise<Response> {
  return withSignInOutcome(async (outcome) => {
    const res = await handlers.POST(req);
    if (!outcome.retryAfterSeconds) return res;
    return Response.json(
      { error: "rate_limited", message: "Too many failed sign-ins from this address. Wait, then try again." },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  });
}
