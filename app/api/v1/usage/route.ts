import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";
import { getUsageReport } from "@/lib/usage/report";
import { toUsageResource } from "@/lib/usage/serialize";
import { parseUsageQuery } from "@/lib/validations/usage";

export const GET = api("agents:read").handle("GET /api/v1/usage", async (ctx) => {
  const { month } = parseUsageQuery(ctx.url.searchParams);
  return json(toUsageResource(await getUsageReport(ctx.principal.organizationId, month)));
});
