import { api } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/pipeline";
import { getKnowledgePack } from "@/lib/knowledge-packs/manage-knowledge-packs";
import { toKnowledgePackResource } from "@/lib/knowledge-packs/serialize";
import { MESSAGES } from "@/lib/messages";

// GET /api/v1/knowledge-packs/{id}: one pack with its content (the Location of a create).
export const GET = api("agents:read").handle<{ id: string }>(
  "GET /api/v1/knowledge-packs/{id}",
  async ({ params, principal }) => {
    const pack = await getKnowledgePack(principal.organizationId, params.id);
    if (!pack) throw new AppError("not_found", MESSAGES.knowledgePackNotFound);
    return json(toKnowledgePackResource(pack));
  },
);
