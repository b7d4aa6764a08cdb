import { getAgent } from "@/lib/agents/get-agent";
import { api } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/pipeline";
import { MESSAGES } from "@/lib/messages";
import { buildEmbedSnippet, widgetScriptUrl } from "@/lib/widget/snippet";

export const GET = api("agents:read").handle<{ id: string }>("agents.embed", async (ctx) => {
  const agent = await getAgent(ctx.principal.organizationId, ctx.params.id);
  if (!agent) throw new AppError("not_found", MESSAGES.agentNotInOrganization);
  return json({
    agent_id: agent.publicId,
    script_url: widgetScriptUrl(),
    snippet: buildEmbedSnippet(agent),
  });
});
