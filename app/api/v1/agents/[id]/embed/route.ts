import { db } from "@/db";
import { findAgentByPublicId } from "@/db/queries/agents";
import { apiRoute, json } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { buildEmbedSnippet, widgetScriptUrl } from "@/lib/widget/snippet";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = apiRoute<{ id: string }>({ scope: "agents:read", route: "agents.embed" }, async (ctx) => {
  const agent = UUID.test(ctx.params.id)
    ? await findAgentByPublicId(db, ctx.principal.organizationId, ctx.params.id)
    : undefined;
  if (!agent) throw new AppError("not_found", "No agent with this id in your organization.");
  return json({
    agent_id: agent.publicId,
    script_url: widgetScriptUrl(),
    snippet: buildEmbedSnippet(agent),
  });
});
