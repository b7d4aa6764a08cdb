import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { toEvalRunResource } from "@/lib/evals/get-run";
import { startEvalRun } from "@/lib/evals/start-run";
import { json } from "@/lib/http/pipeline";
import { jsonBody, publicIdParam } from "@/lib/http/steps";
import { MESSAGES } from "@/lib/messages";
import { startEvalRunSchema } from "@/lib/validations/evals";

// POST /api/v1/agents/{id}/eval-runs { version? }: 202 with the pending run; 409 while one runs.
export const POST = api("agents:write")
  .use(publicIdParam("id", "agentId", MESSAGES.agentNotFound))
  .use(jsonBody(startEvalRunSchema))
  .handle("POST /api/v1/agents/{id}/eval-runs", async ({ principal, agentId, body }) => {
    const run = await startEvalRun(apiKeyContext(principal), { publicId: agentId, input: body });
    return json(toEvalRunResource(run), {
      status: 202,
      headers: { Location: `/api/v1/agents/${agentId}/eval-runs/${run.publicId}` },
    });
  });
