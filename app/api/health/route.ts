import { checkHealth } from "@/lib/health";
import { requestIdFrom } from "@/lib/http/request-id";

export const dynamic = "force-dynamic";

/** Readiness: 503 until this instance can reach the database and hears cache invalidations. */
export async function GET(req: Request) {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.database === "ok" && health.listener === "listening" ? 200 : 503,
    headers: { "Cache-Control": "no-store", "X-Request-Id": requestIdFrom(req.headers) },
  });
}
