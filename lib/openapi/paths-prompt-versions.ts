import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { listPromptVersionsQuerySchema, restorePromptVersionSchema } from "@/lib/validations/prompt-versions";
import {
  examplePromptVersion,
  promptVersionListSchema,
  promptVersionResourceSchema,
} from "./resources-versions";
import { createdResponse, jsonContent, problems } from "./responses";

const agentId = z.uuid().meta({
  description: "The agent's public id.",
  example: "7d0c5e1a-3b8f-4c2d-9e6a-1f2b3c4d5e6f",
});

export function registerPromptVersionPaths(r: OpenAPIRegistry) {
  r.registerPath({
    method: "get",
    path: "/api/v1/agents/{id}/prompt-versions",
    operationId: "listPromptVersions",
    tags: ["Agents"],
    summary: "List an agent's prompt versions",
    description:
      "Scope `agents:read`. Every change of the prompt (create, edit, optimization result, restore) is an " +
      "immutable version. Newest first; pass a page's `next_cursor` as `cursor` for the next, older page.",
    request: { params: z.object({ id: agentId }), query: listPromptVersionsQuerySchema },
    responses: {
      200: {
        description: "A page of versions.",
        content: jsonContent(promptVersionListSchema, {
          object: "list",
          data: [examplePromptVersion],
          pagination: { limit: 20, has_more: true, next_cursor: "3" },
        }),
      },
      ...problems("insufficient_scope", "not_found", "validation_failed"),
    },
  });

  r.registerPath({
    method: "post",
    path: "/api/v1/agents/{id}/prompt-versions/{version}/restore",
    operationId: "restorePromptVersion",
    tags: ["Agents"],
    summary: "Restore a prompt version",
    description:
      "Scope `agents:write`. Makes a new version (`source: restored`) with that version's text and switches the " +
      "agent to it; no new optimization is requested. The body is optional. With an `Idempotency-Key`, the same " +
      "key and body return the same version with `Idempotent-Replayed: true`; the same key with another version " +
      "or body is `422 idempotency_key_reused`.",
    request: {
      params: z.object({
        id: agentId,
        version: z.number().int().min(1).meta({ description: "The version to restore.", example: 1 }),
      }),
      headers: z.object({
        "Idempotency-Key": z.string().min(1).max(255).optional().meta({
          description: "1–255 visible ASCII characters, scoped to the agent.",
          example: "rollback-2026-11-26",
        }),
      }),
      body: {
        required: false,
        content: jsonContent(restorePromptVersionSchema, { rationale: "The edit confused visitors." }),
      },
    },
    responses: {
      201: createdResponse(
        "The new version (or the replayed one, with `Idempotent-Replayed: true`).",
        "/api/v1/agents/{id}/prompt-versions",
        jsonContent(promptVersionResourceSchema, examplePromptVersion),
      ),
      ...problems(
        "invalid_json",
        "invalid_idempotency_key",
        "insufficient_scope",
        "not_found",
        "payload_too_large",
        "unsupported_media_type",
        "validation_failed",
        "idempotency_key_reused",
      ),
    },
  });
}
