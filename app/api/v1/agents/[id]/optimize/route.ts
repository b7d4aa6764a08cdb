import { z } from "zod";
import { actorFromApiKey } from "@/lib/actor";
import { requestOptimization } from "@/lib/agents/optimization/request-optimization";
import { toAgentResource } from "@/lib/agents/serialize";
import { apiRoute, json } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";

type Params = { id: string };

// POST /api/v1/agents/{id}/optimize: 202 with the agent (pending, or skipped without a Gemini
// key); 409 optimization_in_progress while one is pending/running for this prompt version.
export const POST = apiRoute<Params>(
  { scope: "agents:write", route: "POST /api/v1/agents/{id}/optimize" },
  async ({ params, principal }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw new AppError("not_found", "No agent with this id exists.");
    const agent = await requestOptimization({
      organizationId: principal.organizationId,
      actor: actorFromApiKey(principal),
      publicId: id.data.toLowerCase(),
    });
    return json(toAgentResource(agent), {
      status: 202,
      headers: { Location: `/api/v1/agents/${agent.publicId}` },
    });
  },
);
