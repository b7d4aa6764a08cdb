import { checkHealth } from "@/lib/health";
import { json, pipeline } from "@/lib/http/pipeline";

export const dynamic = "force-dynamic";

export const GET = pipeline.handle("GET /api/health", async () => {
  const health = await checkHealth();
  return json(health, { status: health.database === "ok" ? 200 : 503 });
});
