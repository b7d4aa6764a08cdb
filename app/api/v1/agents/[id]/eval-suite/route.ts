import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { getEvalSuite, putEvalSuite } from "@/lib/evals/suite";
import { json } from "@/lib/http/pipeline";
import { jsonBody, publicIdParam } from "@/lib/http/steps";
import { MESSAGES } from "@/lib/messages";
import { EVAL_SUITE_MAX_BYTES, putEvalSuiteSchema } from "@/lib/validations/evals";

// GET|PUT /api/v1/agents/{id}/eval-suite: the agent's test cases, replaced whole by a PUT.
const agentId = publicIdParam("id", "agentId", MESSAGES.agentNotFound);

export const GET = api("agents:read")
  .use(agentId)
  .handle("GET /api/v1/agents/{id}/eval-suite", async ({ principal, agentId }) =>
    json(await getEvalSuite(principal.organizationId, agentId)),
  );

export const PUT = api("agents:write")
  .use(agentId)
  .use(jsonBody(putEvalSuiteSchema, { maxBytes: EVAL_SUITE_MAX_BYTES }))
  .handle("PUT /api/v1/agents/{id}/eval-suite", async ({ principal, agentId, body }) =>
    json(await putEvalSuite(apiKeyContext(principal), { publicId: agentId, input: body })),
  );
