import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";
import { searchKnowledgePack } from "@/lib/knowledge/search";
import { toPassageResource } from "@/lib/knowledge/serialize";
import { MESSAGES } from "@/lib/messages";
import { knowledgeSearchQuerySchema } from "@/lib/validations/knowledge-source";

const packId = publicIdParam("id", "packId", MESSAGES.knowledgePackNotFound);

// The passages an agent would be given for `q`, ranked, with their scores (to debug retrieval).
export const GET = api("knowledge:read")
  .use(packId)
  .handle("GET /api/v1/knowledge-packs/{id}/search", async ({ principal, packId, url }) => {
    const query = knowledgeSearchQuerySchema.parse(Object.fromEntries(url.searchParams));
    const passages = await searchKnowledgePack(principal.organizationId, packId, query);
    return json({
      object: "list",
      query: query.q,
      data: passages.map((p, i) => toPassageResource(p, i + 1)),
    });
  });
