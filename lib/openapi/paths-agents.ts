import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { createAgentSchema, updateAgentSchema } from "@/lib/validations/agent";
import { listAgentsQuerySchema } from "@/lib/validations/agent-list";
import {
  agentListSchema,
  agentResourceSchema,
  embedResourceSchema,
  exampleAgent,
  exampleCreateAgentBody,
  examplePatchAgentBody,
} from "./resources";
import { createdResponse, deletedResponses, jsonContent, problems, resourceResponses } from "./responses";

const agentIdParams = z.object({
  id: z.uuid().meta({ description: "The agent's public id.", example: exampleAgent.id }),
});

export const exampleListQuery = { limit: 20, q: "support", optimization_status: "pending" } as const;

export function registerAgentPaths(r: OpenAPIRegistry) {
  r.registerPath({
    method: "post",
    path: "/api/v1/agents",
    operationId: "createAgent",
    tags: ["Agents"],
    summary: "Create an agent",
    description:
      "Scope `agents:write`. Unknown top-level fields are rejected (422). Send an `Idempotency-Key` header (or the " +
      "`idempotency_key` field) to make retries safe: the same key with the same body returns the same agent with " +
      "`Idempotent-Replayed: true`; with another body it is `422 idempotency_key_reused`. The plan limit holds under " +
      "any concurrency. Optimization is requested in the background (`optimization.status` = `pending`, or `skipped` " +
      "when no LLM is configured, `not_requested` with `auto_optimize: false`). Bodies are capped at 64 KiB.",
    request: {
      headers: z.object({
        "Idempotency-Key": z.string().min(1).max(255).optional().meta({
          description: "1–255 visible ASCII characters, scoped to the organization.",
          example: "order-7781-bot",
        }),
      }),
      body: { required: true, content: jsonContent(createAgentSchema, exampleCreateAgentBody) },
    },
    responses: {
      201: createdResponse(
        "Created (or replayed, with `Idempotent-Replayed: true`). `Location` names the agent.",
        "/api/v1/agents/{id}",
        jsonContent(agentResourceSchema, exampleAgent),
      ),
      ...problems(
        "invalid_json",
        "invalid_idempotency_key",
        "insufficient_scope",
        "plan_limit_reached",
        "name_conflict",
        "payload_too_large",
        "unsupported_media_type",
        "validation_failed",
        "idempotency_key_reused",
      ),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/agents",
    operationId: "listAgents",
    tags: ["Agents"],
    summary: "List agents",
    description:
      "Scope `agents:read`. Newest first. Offset mode (`offset`, with `total`) or cursor mode (`cursor` from a previous " +
      "page's `next_cursor`, `total` = null); sending both is 422. Cursors are opaque, tamper-evident and bound to the " +
      "organization and the filters (`q`, `persona`, `optimization_status`): a changed or foreign cursor is " +
      "`400 invalid_cursor`. A page costs at most two SQL statements whatever its size (one in cursor mode).",
    request: { query: listAgentsQuerySchema },
    responses: {
      200: {
        description: "A page of agents.",
        content: jsonContent(agentListSchema, {
          object: "list",
          data: [exampleAgent],
          pagination: { limit: 20, offset: 0, total: 1, has_more: false, next_cursor: null },
        }),
      },
      ...problems("invalid_cursor", "insufficient_scope", "organization_mismatch", "validation_failed"),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/agents/{id}",
    operationId: "getAgent",
    tags: ["Agents"],
    summary: "Get an agent",
    description: "Scope `agents:read`. 404 for unknown or malformed ids and for other organizations' agents.",
    request: { params: agentIdParams },
    responses: resourceResponses("The agent.", agentResourceSchema, exampleAgent),
  });

  r.registerPath({
    method: "patch",
    path: "/api/v1/agents/{id}",
    operationId: "updateAgent",
    tags: ["Agents"],
    summary: "Update an agent",
    description:
      "Scope `agents:write`. Send only the fields to change; unknown and read-only fields (`id`, " +
      "`optimized_system_prompt`, `optimization_status`, `prompt_version`, …) are 422. `widget_config` and `config` " +
      "merge onto the stored object. A changed `system_prompt` bumps `prompt_version`, clears the old optimized " +
      "prompt and requests a new optimization unless `auto_optimize: false` is sent. Changes are audited " +
      "(`agent.updated` with the changed field names).",
    request: {
      params: agentIdParams,
      body: { required: true, content: jsonContent(updateAgentSchema, examplePatchAgentBody) },
    },
    responses: {
      200: { description: "The updated agent.", content: jsonContent(agentResourceSchema, exampleAgent) },
      ...problems(
        "invalid_json",
        "insufficient_scope",
        "not_found",
        "name_conflict",
        "payload_too_large",
        "unsupported_media_type",
        "validation_failed",
      ),
    },
  });

  r.registerPath({
    method: "delete",
    path: "/api/v1/agents/{id}",
    operationId: "deleteAgent",
    tags: ["Agents"],
    summary: "Delete an agent",
    description:
      "Scope `agents:write`. The plan slot is free at once: the delete and the counter update commit together. " +
      "Audited as `agent.deleted`.",
    request: { params: agentIdParams },
    responses: deletedResponses(),
  });

  r.registerPath({
    method: "post",
    path: "/api/v1/agents/{id}/optimize",
    operationId: "optimizeAgent",
    tags: ["Agents"],
    summary: "Re-optimize an agent's prompt",
    description:
      "Scope `agents:write`. Requests a new background optimization of the current prompt version. No body.",
    request: { params: agentIdParams },
    responses: {
      202: {
        description:
          "Accepted: `optimization.status` is `pending` (or `skipped`, with the reason in `optimization.error`, when no Gemini key is configured).",
        content: jsonContent(agentResourceSchema, exampleAgent),
      },
      ...problems("insufficient_scope", "not_found", "optimization_in_progress"),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/agents/{id}/embed",
    operationId: "getAgentEmbed",
    tags: ["Agents"],
    summary: "Get the embed snippet",
    description:
      "Scope `agents:read`. The snippet holds the agent's public id and widget config, never a secret.",
    request: { params: agentIdParams },
    responses: {
      200: {
        description: "The snippet to paste.",
        content: jsonContent(embedResourceSchema, {
          agent_id: exampleAgent.id,
          script_url: "https://app.youragent.dev/widget.js",
          snippet: `<script src="https://app.youragent.dev/widget.js" async></script>\n<script>\n  window.YourAgent = window.YourAgent || { q: [], init: function (o) { this.q.push(o) } };\n  YourAgent.init({ agentPublicId: "${exampleAgent.id}", config: {"theme":"modern"} });\n</script>`,
        }),
      },
      ...problems("insufficient_scope", "not_found"),
    },
  });
}
