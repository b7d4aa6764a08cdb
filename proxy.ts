import { type NextRequest, NextResponse } from "next/server";
import { embedPolicyForAgent } from "@/lib/widget/frame-policy";

// Only /embed/{agentId}: the chat page gets `frame-ancestors` from that agent's allowed
// origins, per request. Authorization never lives here.
export async function proxy(req: NextRequest) {
  const id = req.nextUrl.pathname.split("/")[2] ?? "";
  const policy = await embedPolicyForAgent(id);
  const res = NextResponse.next();
  res.headers.set("Content-Security-Policy", policy);
  return res;
}

export const config = { matcher: ["/embed/:path*"] };
