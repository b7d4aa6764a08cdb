import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { updateKnowledgePackSchema } from "@/lib/validations/knowledge-pack";
import { createSourceSchema, knowledgeSearchQuerySchema } from "@/lib/validations/knowledge-source";
import { examplePack } from "./paths-other";
import { knowledgePackResourceSchema } from "./resources";
import {
  exampleSource,
  fileUploadSchema,
  knowledgeSearchResultSchema,
  knowledgeSourceListSchema,
  knowledgeSourceResourceSchema,
} from "./resources-knowledge";
import { deletedResponses, jsonContent, problems, resourceResponses } from "./responses";

const packParams = z.object({ id: z.uuid().meta({ example: examplePack.id }) });
const sourceParams = packParams.extend({ source_id: z.uuid().meta({ example: exampleSource.id }) });
const tags = ["Knowledge packs"];
// What a write route with a body can refuse, besides the keyed-route codes.
const writeProblems = ["invalid_json", "insufficient_scope", "not_found", "payload_too_large"] as const;

export function registerKnowledgePaths(r: OpenAPIRegistry) {
  r.registerPath({
    method: "patch",
    path: "/api/v1/knowledge-packs/{id}",
    operationId: "updateKnowledgePack",
    tags,
    summary: "Change a knowledge pack",
    description:
      "Scope `knowledge:write`. `content` is kept as the pack's own text source and re-ingested; `language` " +
      "re-indexes its passages in that text search configuration.",
    request: {
      params: packParams,
      body: { required: true, content: jsonContent(updateKnowledgePackSchema, { language: "german" }) },
    },
    responses: {
      200: {
        description: "The changed pack.",
        content: jsonContent(knowledgePackResourceSchema, examplePack),
      },
      ...problems(...writeProblems, "unsupported_media_type", "validation_failed", "name_conflict"),
    },
  });

  r.registerPath({
    method: "delete",
    path: "/api/v1/knowledge-packs/{id}",
    operationId: "deleteKnowledgePack",
    tags,
    summary: "Delete a knowledge pack",
    description:
      "Scope `knowledge:write`. Its sources and passages go with it; agents using it answer without knowledge.",
    request: { params: packParams },
    responses: deletedResponses(),
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/knowledge-packs/{id}/sources",
    operationId: "listKnowledgeSources",
    tags,
    summary: "List a pack's sources",
    description: "Scope `knowledge:read`. Oldest first, with status and progress.",
    request: { params: packParams },
    responses: resourceResponses("The pack's sources.", knowledgeSourceListSchema, {
      object: "list",
      data: [exampleSource],
    }),
  });

  r.registerPath({
    method: "post",
    path: "/api/v1/knowledge-packs/{id}/sources",
    operationId: "createKnowledgeSource",
    tags,
    summary: "Add a source",
    description:
      "Scope `knowledge:write`. JSON: a `text` source (content ≤ 1 MB) or a `url` source (one page, or " +
      "`crawl: sitemap` for at most 200 pages of the same site, robots.txt respected); or multipart/form-data " +
      "with one `file` (≤ 10 MB). Other content types: 415. Ingested in the background: poll the source.",
    request: {
      params: packParams,
      body: {
        required: true,
        content: {
          ...jsonContent(createSourceSchema, {
            type: "url",
            url: "https://help.example.com/sitemap.xml",
            crawl: "sitemap",
            sync: "weekly",
          }),
          "multipart/form-data": { schema: fileUploadSchema },
        },
      },
    },
    responses: {
      202: {
        description: "Accepted, `pending`.",
        content: jsonContent(knowledgeSourceResourceSchema, exampleSource),
      },
      ...problems(...writeProblems, "unsupported_media_type", "validation_failed"),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/knowledge-packs/{id}/sources/{source_id}",
    operationId: "getKnowledgeSource",
    tags,
    summary: "Get a source",
    description: "Scope `knowledge:read`. Poll it for status and progress.",
    request: { params: sourceParams },
    responses: resourceResponses("The source.", knowledgeSourceResourceSchema, exampleSource),
  });

  r.registerPath({
    method: "delete",
    path: "/api/v1/knowledge-packs/{id}/sources/{source_id}",
    operationId: "deleteKnowledgeSource",
    tags,
    summary: "Delete a source",
    description: "Scope `knowledge:write`. Its passages stop being used at once.",
    request: { params: sourceParams },
    responses: deletedResponses(),
  });

  r.registerPath({
    method: "post",
    path: "/api/v1/knowledge-packs/{id}/sources/{source_id}/resync",
    operationId: "resyncKnowledgeSource",
    tags,
    summary: "Re-sync a source",
    description:
      "Scope `knowledge:write`. Fetches and indexes it again; its current passages stay in use until then.",
    request: { params: sourceParams },
    responses: {
      202: {
        description: "Accepted, `pending`.",
        content: jsonContent(knowledgeSourceResourceSchema, exampleSource),
      },
      ...problems("insufficient_scope", "not_found"),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/knowledge-packs/{id}/search",
    operationId: "searchKnowledgePack",
    tags,
    summary: "Search a pack",
    description:
      "Scope `knowledge:read`. The passages an agent on this pack would be given for `q`, ranked, with scores " +
      "(at most 3 per source, within the context budget).",
    request: { params: packParams, query: knowledgeSearchQuerySchema },
    responses: {
      200: { description: "Ranked passages.", content: jsonContent(knowledgeSearchResultSchema) },
      ...problems("insufficient_scope", "not_found", "validation_failed"),
    },
  });
}
