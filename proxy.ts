import { type NextRequest, NextResponse } from "next/server";
import { db } from "@/db";
import { findAgentFramePolicy } from "@/db/queries/widget";
import { dashboardCsp, hstsHeader, newNonce } from "@/lib/http/csp";
import { embedContentSecurityPolicy } from "@/lib/widget/embed-security";

// Every page gets a fresh script nonce: Next reads it from the request's CSP header and puts
// it on its own scripts; the root layout reads `x-nonce` (which also keeps pages dynamic, as a
// nonce must be). /embed/* gets its own strict policy with `frame-ancestors` from the agent's
// allowed origins, read uncached so a removed origin stops framing at once; any failure falls
// back to 'self' only. Authorization never lives here.
async function frameOrigins(pathname: string): Promise<string[]> {
  const parts = pathname.split("/");
  const id = (parts[2] === "preview" ? parts[3] : parts[2]) ?? "";
  // The preview is framed by the dashboard only: 'self'.
  if (parts[2] === "preview" || !/^[0-9a-f-]{36}$/i.test(id)) return [];
  try {
    const agent = await findAgentFramePolicy(db, id.toLowerCase());
    return agent?.status === "active" ? agent.allowedOrigins : [];
  } catch {
    return [];
  }
}

export async function proxy(req: NextRequest) {
  const nonce = newNonce();
  const path = req.nextUrl.pathname;
  const csp =
    path === "/embed" || path.startsWith("/embed/")
      ? embedContentSecurityPolicy(await frameOrigins(path), nonce)
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

// Pages only: the API, static assets and widget.js carry their own headers (next.config.ts).
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
