import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { putEvalSuiteSchema, startEvalRunSchema } from "@/lib/validations/evals";
import {
  evalRunResourceSchema,
  evalSuiteResourceSchema,
  exampleEvalRun,
  exampleEvalSuite,
} from "./resources-evals";
import { jsonContent, problems, resourceResponses } from "./responses";

const agentId = z
  .uuid()
  .meta({ description: "The agent's public id.", example: "7d0c5e1a-3b8f-4c2d-9e6a-1f2b3c4d5e6f" });
const suitePath = "/api/v1/agents/{id}/eval-suite";

export function registerEvalPaths(r: OpenAPIRegistry) {
  r.registerPath({
    method: "get",
    path: suitePath,
    operationId: "getEvalSuite",
    tags: ["Agents"],
    summary: "Read an agent's evaluation suite",
    description: "Scope `agents:read`. An agent without a suite has `revision: 0` and no cases.",
    request: { params: z.object({ id: agentId }) },
    responses: resourceResponses("The suite.", evalSuiteResourceSchema, exampleEvalSuite),
  });
  r.registerPath({
    method: "put",
    path: suitePath,
    operationId: "putEvalSuite",
    tags: ["Agents"],
    summary: "Replace an agent's evaluation suite",
    description:
      "Scope `agents:write`. 1–200 cases, each a visitor question with 1–10 expectations and up to 10 " +
      "must-nots. Replaces every case; cases without an `id` get one. Each PUT is a new revision.",
    request: {
      params: z.object({ id: agentId }),
      body: { required: true, content: jsonContent(putEvalSuiteSchema, { cases: exampleEvalSuite.cases }) },
    },
    responses: {
      200: { description: "The new suite.", content: jsonContent(evalSuiteResourceSchema, exampleEvalSuite) },
      ...problems(
        "invalid_json",
        "insufficient_scope",
        "not_found",
        "payload_too_large",
        "unsupported_media_type",
        "validation_failed",
      ),
    },
  });
  r.registerPath({
    method: "post",
    path: "/api/v1/agents/{id}/eval-runs",
    operationId: "startEvalRun",
    tags: ["Agents"],
    summary: "Evaluate a prompt version on the agent's suite",
    description:
      "Scope `agents:write`. Without `version`, the prompt in use is evaluated. Runs in the background: " +
      "Gemini answers each case with that prompt and judges each expectation (`expected_gemini_calls`). " +
      "One run per agent at a time (`409 eval_run_in_progress`); no suite is a 422 on `suite`.",
    request: {
      params: z.object({ id: agentId }),
      body: { required: true, content: jsonContent(startEvalRunSchema, { version: 3 }) },
    },
    responses: {
      202: {
        description: "The pending run.",
        headers: {
          Location: { schema: { type: "string" }, description: "/api/v1/agents/{id}/eval-runs/{run}" },
        },
        content: jsonContent(evalRunResourceSchema, {
          ...exampleEvalRun,
          status: "pending",
          score: null,
          passed: null,
          progress: { done: 0, total: 1 },
          finished_at: null,
          cases: [],
        }),
      },
      ...problems(
        "invalid_json",
        "insufficient_scope",
        "not_found",
        "eval_run_in_progress",
        "unsupported_media_type",
        "validation_failed",
      ),
    },
  });
  r.registerPath({
    method: "get",
    path: "/api/v1/agents/{id}/eval-runs/{run}",
    operationId: "getEvalRun",
    tags: ["Agents"],
    summary: "Read an evaluation run",
    description:
      "Scope `agents:read`. Progress while it runs; the score and each case's verdicts with reasons.",
    request: {
      params: z.object({
        id: agentId,
        run: z.uuid().meta({ description: "The run's id.", example: exampleEvalRun.id }),
      }),
    },
    responses: resourceResponses("The run.", evalRunResourceSchema, exampleEvalRun),
  });
}
