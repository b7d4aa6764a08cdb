import { type NextRequest, NextResponse } from "next/server";
import { dashboardCsp, hstsHeader, newNonce } from "@/lib/http/csp";
import { embedPolicyForPath } from "@/lib/widget/frame-policy";

// Every page gets a fresh script nonce: Next reads it from the request's CSP header and puts
// it on its own scripts; the root layout reads `x-nonce` (which also keeps pages dynamic, as a
// nonce must be). /embed/* gets its own strict policy with `frame-ancestors` from the agent's
// allowed origins (lib/widget/frame-policy.ts). Authorization never lives here.
export async function proxy(req: NextRequest) {
  const nonce = newNonce();
  const path = req.nextUrl.pathname;
  const csp =
    path === "/embed" || path.startsWith("/embed/")
      ? await embedPolicyForPath(path, nonce)
      : dashboardCsp({ nonce, dev: process.env.NODE_ENV !== "production" });
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  const hsts = hstsHeader(process.env.APP_URL);
  if (hsts) res.headers.set("Strict-Transport-Security", hsts);
  return res;
}

// Prefetches are skipped: their payload is not a document and reuses the page's nonce.
export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon\\.ico|widget\\.js).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
