import { type NextRequest, NextResponse } from "next/server";
import { ERROR_CATALOG } from "@/lib/errors";
import { tooManyChatsPage } from "@/lib/widget/busy-page";
import { embedPolicyForAgent } from "@/lib/widget/frame-policy";
import { denySessionMint } from "@/lib/widget/ip-limits";

// Only /embed/{agentId}: the chat page gets `frame-ancestors` from that agent's allowed
// origins, per request; each view mints a session, so the per-IP mint limit is checked here
// and a client past it gets a calm page instead of a token. Authorization never lives here.
export async function proxy(req: NextRequest) {
  const id = req.nextUrl.pathname.split("/")[2] ?? "";
  const policy = await embedPolicyForAgent(id);
  const denied = id !== "preview" ? await denySessionMint(req.headers) : undefined;
  const res = denied
    ? new NextResponse(tooManyChatsPage(), {
        status: ERROR_CATALOG.rate_limited.status,
        headers: {
          "Content-Type": "text/html; charset=utf-8",
          "Cache-Control": "no-store",
          "Retry-After": String(denied.resetSeconds),
        },
      })
    : NextResponse.next();
  res.headers.set("Content-Security-Policy", policy);
  return res;
}

export const config = { matcher: ["/embed/:path*"] };
