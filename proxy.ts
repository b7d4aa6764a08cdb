import { type NextRequest, NextResponse } from "next/server";
import { db } from "@/db";
import { findAgentFramePolicy } from "@/db/queries/widget";
import { embedContentSecurityPolicy } from "@/lib/widget/embed-security";

// Only /embed/{agentId}: the chat page gets `frame-ancestors` from that agent's allowed
// origins, per request. Read uncached so a removed origin stops framing at once. Any
// failure falls back to 'self' only (secure by default). Authorization never lives here.
export async function proxy(req: NextRequest) {
  const id = req.nextUrl.pathname.split("/")[2] ?? "";
  let origins: string[] = [];
  if (/^[0-9a-f-]{36}$/i.test(id)) {
    try {
      const agent = await findAgentFramePolicy(db, id.toLowerCase());
      if (agent?.status === "active") origins = agent.allowedOrigins;
    } catch {
      origins = [];
    }
  }
  const res = NextResponse.next();
  res.headers.set("Content-Security-Policy", embedContentSecurityPolicy(origins));
  return res;
}

export const config = { matcher: ["/embed/:path*"] };
