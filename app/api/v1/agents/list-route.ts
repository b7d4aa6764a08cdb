import { db } from "@/db";
import { listAgentsPage } from "@/lib/agents/list-agents";
import { apiRoute, json } from "@/lib/api/handler";
import { listAgentsQuerySchema } from "@/lib/validations/agent-list";

// GET /api/v1/agents — exported as GET from ./route.ts (whose POST is the create route).
export const listAgents = apiRoute({ scope: "agents:read", route: "GET /api/v1/agents" }, async (ctx) => {
  const query = listAgentsQuerySchema.parse(Object.fromEntries(ctx.url.searchParams));
  return json(await listAgentsPage(db, ctx.principal.organizationId, query));
});
