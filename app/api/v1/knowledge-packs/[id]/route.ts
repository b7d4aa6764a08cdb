import { apiRoute, json } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { getKnowledgePack } from "@/lib/knowledge-packs/manage-knowledge-packs";
import { toKnowledgePackResource } from "@/lib/knowledge-packs/serialize";

// GET /api/v1/knowledge-packs/{id}: one pack with its content (the Location of a create).
export const GET = apiRoute<{ id: string }>(
  { scope: "agents:read", route: "GET /api/v1/knowledge-packs/{id}" },
  async ({ params, principal }) => {
    const pack = await getKnowledgePack(principal.organizationId, params.id);
    if (!pack) throw new AppError("not_found", "No knowledge pack with this id exists.");
    return json(toKnowledgePackResource(pack));
  },
);
