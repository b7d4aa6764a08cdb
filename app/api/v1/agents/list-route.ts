import { listAgentsPageJson } from "@/lib/agents/list-agents";
import { api } from "@/lib/api/route";
import { jsonText } from "@/lib/http/pipeline";
import { listAgentsQuerySchema } from "@/lib/validations/agent-list";

// GET /api/v1/agents — exported as GET from ./route.ts (whose POST is the create route).
export const listAgents = api("agents:read").handle("GET /api/v1/agents", async (ctx) => {
  const query = listAgentsQuerySchema.parse(Object.fromEntries(ctx.url.searchParams));
  return jsonText(await listAgentsPageJson(ctx.principal.organizationId, query));
});
