import { checkHealth } from "@/lib/health";
import { requestIdFrom } from "@/lib/http/request-id";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.database === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store", "X-Request-Id": requestIdFrom(req.headers) },
  });
}
