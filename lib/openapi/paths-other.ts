import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { createKnowledgePackSchema } from "@/lib/validations/knowledge-pack";
import { offsetPageQuerySchema } from "@/lib/validations/pagination";
import {
  exampleCreateKnowledgePackBody,
  knowledgePackListSchema,
  knowledgePackResourceSchema,
  personaListSchema,
  pingSchema,
} from "./resources";
import { jsonContent, problemResponses, problems } from "./responses";

const examplePack = {
  object: "knowledge_pack",
  id: "0b6f0c52-8d0e-4a0e-9d49-3c2f5a9e1b77",
  name: exampleCreateKnowledgePackBody.name,
  description: exampleCreateKnowledgePackBody.description,
  language: "english",
  content_bytes: 92,
  created_at: "2026-11-26T08:00:00.000Z",
  updated_at: "2026-11-26T08:00:00.000Z",
};

export { examplePack };

export function registerOtherPaths(r: OpenAPIRegistry) {
  r.registerPath({
    method: "get",
    path: "/api/v1/personas",
    operationId: "listPersonas",
    tags: ["Personas"],
    summary: "List the built-in personas",
    description: "Scope `agents:read`. Use a persona's `key` as `persona` when creating an agent.",
    responses: {
      200: { description: "Every built-in persona.", content: jsonContent(personaListSchema) },
      ...problems("insufficient_scope"),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/knowledge-packs",
    operationId: "listKnowledgePacks",
    tags: ["Knowledge packs"],
    summary: "List knowledge packs",
    description: "Scope `agents:read`. Newest first, without `content` (see `content_bytes`).",
    request: { query: offsetPageQuerySchema },
    responses: {
      200: {
        description: "A page of knowledge packs.",
        content: jsonContent(knowledgePackListSchema, {
          object: "list",
          data: [{ ...examplePack, agent_count: 2 }],
          pagination: { limit: 50, offset: 0, total: 1, has_more: false, next_cursor: null },
        }),
      },
      ...problems("insufficient_scope", "validation_failed"),
    },
  });

  r.registerPath({
    method: "post",
    path: "/api/v1/knowledge-packs",
    operationId: "createKnowledgePack",
    tags: ["Knowledge packs"],
    summary: "Create a knowledge pack",
    description:
      "Scope `agents:write`. `content` may be up to 200 KB of UTF-8 text, so this route accepts bodies up to " +
      "256 KiB (every other route: 64 KiB). Names are unique per organization, case-insensitive (409).",
    request: {
      body: {
        required: true,
        content: jsonContent(createKnowledgePackSchema, exampleCreateKnowledgePackBody),
      },
    },
    responses: {
      201: {
        description: "Created, with its content.",
        content: jsonContent(knowledgePackResourceSchema, {
          ...examplePack,
          content: exampleCreateKnowledgePackBody.content,
        }),
      },
      ...problems(
        "invalid_json",
        "insufficient_scope",
        "name_conflict",
        "payload_too_large",
        "unsupported_media_type",
        "validation_failed",
      ),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/knowledge-packs/{id}",
    operationId: "getKnowledgePack",
    tags: ["Knowledge packs"],
    summary: "Get a knowledge pack",
    description: "Scope `agents:read`. With its content. 404 for unknown ids and other organizations' packs.",
    request: { params: z.object({ id: z.uuid().meta({ example: examplePack.id }) }) },
    responses: {
      200: {
        description: "The knowledge pack.",
        content: jsonContent(knowledgePackResourceSchema, {
          ...examplePack,
          content: exampleCreateKnowledgePackBody.content,
        }),
      },
      ...problems("insufficient_scope", "not_found"),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/ping",
    operationId: "ping",
    tags: ["Meta"],
    summary: "Check an API key",
    description:
      "Scope `agents:read`. Answers a constant for a live key, with the `RateLimit-*` headers; touches no data. " +
      "Counts against the key's rate limit like any other request.",
    responses: {
      200: {
        description: "The key works.",
        content: jsonContent(pingSchema, { object: "ping", status: "ok" }),
      },
      ...problems("insufficient_scope"),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tags: ["Meta"],
    summary: "This document",
    description: "Public and cacheable: no API key needed.",
    security: [],
    responses: {
      200: {
        description: "The OpenAPI 3.1 document.",
        content: { "application/json": { schema: { type: "object" } } },
      },
      ...problemResponses(["validation_failed"]),
    },
  });
}
