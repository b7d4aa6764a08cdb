// More specific than app/api/[...path], so /api/auth/* reaches next-auth.
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { withSignInOutcome } from "@/lib/auth/sign-in-outcome";
import { AppError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";

export const { GET } = handlers;

/**
 * A throttled credentials sign-in answers 429 problem+json with Retry-After (from
 * ERROR_CATALOG, like every other route) instead of a redirect.
 */
export function POST(req: NextRequest): Promise<Response> {
  return withSignInOutcome(async (outcome) => {
    const res = await handlers.POST(req);
    if (!outcome.retryAfterSeconds) return res;
    const err = new AppError(
      "rate_limited",
      "Too many failed sign-ins from this address. Wait, then try again.",
      { retryAfterSeconds: outcome.retryAfterSeconds },
    );
    return problemResponse(err, requestIdFrom(req.headers));
  });
}
