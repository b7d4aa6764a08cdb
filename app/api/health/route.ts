import { checkHealth } from "@/lib/health";
import { json, pipeline } from "@/lib/http/pipeline";

export const dynamic = "force-dynamic";

/** Readiness: 503 until this instance can reach the database and hears cache invalidations. */
export const GET = pipeline.handle("GET /api/health", async () => {
  const health = await checkHealth();
  return json(health, { status: health.database === "ok" && health.listener === "listening" ? 200 : 503 });
});
