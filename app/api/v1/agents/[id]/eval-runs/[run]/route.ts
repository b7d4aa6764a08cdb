import { api } from "@/lib/api/route";
import { getEvalRun } from "@/lib/evals/get-run";
import { json } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";
import { MESSAGES } from "@/lib/messages";

// GET /api/v1/agents/{id}/eval-runs/{run}: status, progress, score and per-case verdicts.
export const GET = api("agents:read")
  .use(publicIdParam("id", "agentId", MESSAGES.agentNotFound))
  .use(publicIdParam("run", "runId", "No such evaluation run for this agent."))
  .handle("GET /api/v1/agents/{id}/eval-runs/{run}", async ({ principal, agentId, runId }) =>
    json(await getEvalRun(principal.organizationId, agentId, runId)),
  );
