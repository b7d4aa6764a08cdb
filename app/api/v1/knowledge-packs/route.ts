import { actorFromApiKey } from "@/lib/actor";
import { apiRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { createKnowledgePack, listKnowledgePacks } from "@/lib/knowledge-packs/manage-knowledge-packs";
import { toKnowledgePackResource } from "@/lib/knowledge-packs/serialize";
import { KNOWLEDGE_PACK_BODY_MAX_BYTES } from "@/lib/validations/knowledge-pack";
import { offsetPageQuerySchema } from "@/lib/validations/pagination";

export const GET = apiRoute({ scope: "agents:read", route: "GET /api/v1/knowledge-packs" }, async (ctx) => {
  const { limit, offset } = offsetPageQuerySchema.parse(Object.fromEntries(ctx.url.searchParams));
  const { rows, total } = await listKnowledgePacks(ctx.principal.organizationId, { limit, offset });
  return json({
    object: "list",
    data: rows.map(toKnowledgePackResource),
    pagination: { limit, offset, total, has_more: offset + rows.length < total, next_cursor: null },
  });
});

// Content may be up to 200 KB, so this route reads bodies up to 256 KiB (the API default is 64 KiB).
export const POST = apiRoute(
  { scope: "agents:write", route: "POST /api/v1/knowledge-packs" },
  async (ctx) => {
    const body = await readJsonBody(ctx.req, KNOWLEDGE_PACK_BODY_MAX_BYTES);
    const row = await createKnowledgePack({
      organizationId: ctx.principal.organizationId,
      actor: actorFromApiKey(ctx.principal),
      body,
    });
    return json(toKnowledgePackResource(row), {
      status: 201,
      headers: { Location: `/api/v1/knowledge-packs/${row.publicId}` },
    });
  },
);
