import { apiKeyContext } from "@/lib/actor";
import { requestOptimization } from "@/lib/agents/optimization/request-optimization";
import { toAgentResource } from "@/lib/agents/serialize";
import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";
import { MESSAGES } from "@/lib/messages";

// POST /api/v1/agents/{id}/optimize: 202 with the agent (pending, or skipped without a Gemini
// key); 409 optimization_in_progress while one is pending/running for this prompt version.
export const POST = api("agents:write")
  .use(publicIdParam("id", "agentId", MESSAGES.agentNotFound))
  .handle("POST /api/v1/agents/{id}/optimize", async ({ principal, agentId }) => {
    const agent = await requestOptimization(apiKeyContext(principal), { publicId: agentId });
    return json(toAgentResource(agent), {
      status: 202,
      headers: { Location: `/api/v1/agents/${agent.publicId}` },
    });
  });
