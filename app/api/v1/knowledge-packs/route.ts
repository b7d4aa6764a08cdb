import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";
import { jsonBody } from "@/lib/http/steps";
import { createKnowledgePack, listKnowledgePacks } from "@/lib/knowledge-packs/manage-knowledge-packs";
import { toKnowledgePackResource } from "@/lib/knowledge-packs/serialize";
import { createKnowledgePackSchema, KNOWLEDGE_PACK_BODY_MAX_BYTES } from "@/lib/validations/knowledge-pack";
import { offsetPageQuerySchema } from "@/lib/validations/pagination";

export const GET = api("agents:read").handle("GET /api/v1/knowledge-packs", async (ctx) => {
  const { limit, offset } = offsetPageQuerySchema.parse(Object.fromEntries(ctx.url.searchParams));
  const { rows, total } = await listKnowledgePacks(ctx.principal.organizationId, { limit, offset });
  return json({
    object: "list",
    data: rows.map(toKnowledgePackResource),
    pagination: { limit, offset, total, has_more: offset + rows.length < total, next_cursor: null },
  });
});

// Content may be up to 200 KB, so this route reads bodies up to 256 KiB (the API default is 64 KiB).
export const POST = api("agents:write")
  .use(jsonBody(createKnowledgePackSchema, { maxBytes: KNOWLEDGE_PACK_BODY_MAX_BYTES }))
  .handle("POST /api/v1/knowledge-packs", async (ctx) => {
    const row = await createKnowledgePack(apiKeyContext(ctx.principal), ctx.body);
    return json(toKnowledgePackResource(row), {
      status: 201,
      headers: { Location: `/api/v1/knowledge-packs/${row.publicId}` },
    });
  });
