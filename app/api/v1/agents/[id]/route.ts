import { apiKeyContext } from "@/lib/actor";
import { deleteAgent } from "@/lib/agents/delete-agent";
import { getAgentJson } from "@/lib/agents/get-agent";
import { toAgentResource } from "@/lib/agents/serialize";
import { updateAgent } from "@/lib/agents/update-agent";
import { api } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { json, jsonText, noContent } from "@/lib/http/pipeline";
import { publicIdParam, rawJsonBody } from "@/lib/http/steps";
import { MESSAGES } from "@/lib/messages";
import { parseAgentPatch } from "@/lib/validations/agent";

// A malformed id cannot name an agent: 404 like any unknown id, without a query.
const agentId = publicIdParam("id", "agentId", MESSAGES.agentNotFound);

export const GET = api("agents:read")
  .use(agentId)
  .handle("GET /api/v1/agents/{id}", async ({ principal, agentId }) => {
    const agent = await getAgentJson(principal.organizationId, agentId);
    if (!agent) throw new AppError("not_found", MESSAGES.agentNotFound);
    return jsonText(agent);
  });

export const PATCH = api("agents:write")
  .use(agentId)
  .use(rawJsonBody())
  .handle("PATCH /api/v1/agents/{id}", async ({ principal, agentId, body }) => {
    const patch = parseAgentPatch(body);
    const { agent } = await updateAgent(apiKeyContext(principal), { publicId: agentId, patch });
    return json(toAgentResource(agent));
  });

export const DELETE = api("agents:write")
  .use(agentId)
  .handle("DELETE /api/v1/agents/{id}", async ({ principal, agentId }) => {
    await deleteAgent(apiKeyContext(principal), { publicId: agentId });
    return noContent();
  });
