import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { json, noContent } from "@/lib/http/pipeline";
import { jsonBody, publicIdParam } from "@/lib/http/steps";
import {
  deleteKnowledgePack,
  getKnowledgePack,
  updateKnowledgePack,
} from "@/lib/knowledge-packs/manage-knowledge-packs";
import { toKnowledgePackResource } from "@/lib/knowledge-packs/serialize";
import { MESSAGES } from "@/lib/messages";
import { KNOWLEDGE_PACK_BODY_MAX_BYTES, updateKnowledgePackSchema } from "@/lib/validations/knowledge-pack";

const packId = publicIdParam("id", "packId", MESSAGES.knowledgePackNotFound);

// GET /api/v1/knowledge-packs/{id}: one pack with its content (the Location of a create).
export const GET = api("agents:read").handle<{ id: string }>(
  "GET /api/v1/knowledge-packs/{id}",
  async ({ params, principal }) => {
    const pack = await getKnowledgePack(principal.organizationId, params.id);
    if (!pack) throw new AppError("not_found", MESSAGES.knowledgePackNotFound);
    return json(toKnowledgePackResource(pack));
  },
);

export const PATCH = api("knowledge:write")
  .use(packId)
  .use(jsonBody(updateKnowledgePackSchema, { maxBytes: KNOWLEDGE_PACK_BODY_MAX_BYTES }))
  .handle("PATCH /api/v1/knowledge-packs/{id}", async ({ principal, packId, body }) => {
    const row = await updateKnowledgePack(apiKeyContext(principal), { publicId: packId, input: body });
    return json(toKnowledgePackResource(row));
  });

export const DELETE = api("knowledge:write")
  .use(packId)
  .handle("DELETE /api/v1/knowledge-packs/{id}", async ({ principal, packId }) => {
    await deleteKnowledgePack(apiKeyContext(principal), packId);
    return noContent();
  });
