import { requestIdFrom } from "@/lib/http/request-id";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. No database: an outage must not get healthy instances restarted. */
export function GET(req: Request) {
  return Response.json(
    { status: "ok" },
    { headers: { "Cache-Control": "no-store", "X-Request-Id": requestIdFrom(req.headers) } },
  );
}
