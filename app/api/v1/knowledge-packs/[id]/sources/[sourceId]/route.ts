import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { json, noContent } from "@/lib/http/pipeline";
import { toKnowledgeSourceResource } from "@/lib/knowledge/serialize";
import { deleteSource, getSource } from "@/lib/knowledge/sources";

type Params = { id: string; sourceId: string };

export const GET = api("knowledge:read").handle<Params>(
  "GET /api/v1/knowledge-packs/{id}/sources/{source_id}",
  async ({ principal, params }) =>
    json(toKnowledgeSourceResource(await getSource(principal.organizationId, params.id, params.sourceId))),
);

export const DELETE = api("knowledge:write").handle<Params>(
  "DELETE /api/v1/knowledge-packs/{id}/sources/{source_id}",
  async ({ principal, params }) => {
    await deleteSource(apiKeyContext(principal), params.id, params.sourceId);
    return noContent();
  },
);
