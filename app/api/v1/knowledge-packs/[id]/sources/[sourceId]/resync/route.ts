import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";
import { toKnowledgeSourceResource } from "@/lib/knowledge/serialize";
import { resyncSource } from "@/lib/knowledge/sources";

export const POST = api("knowledge:write").handle<{ id: string; sourceId: string }>(
  "POST /api/v1/knowledge-packs/{id}/sources/{source_id}/resync",
  async ({ principal, params }) => {
    const row = await resyncSource(apiKeyContext(principal), params.id, params.sourceId);
    return json(toKnowledgeSourceResource(row), { status: 202 });
  },
);
