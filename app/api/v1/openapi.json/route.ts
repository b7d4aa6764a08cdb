import { json, pipeline } from "@/lib/http/pipeline";
import { storableQuery } from "@/lib/http/steps";
import { buildOpenApiDocument } from "@/lib/openapi/document";

// Public and cacheable: the document depends only on the deployed code. Hostile query text is
// refused like on every other public route (the 422 the document lists).
export const GET = pipeline.use(storableQuery).handle("GET /api/v1/openapi.json", async () =>
  json(buildOpenApiDocument(), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  }),
);
