import { json, pipeline } from "@/lib/http/pipeline";
import { buildOpenApiDocument } from "@/lib/openapi/document";

// Public and cacheable: the document depends only on the deployed code.
export const GET = pipeline.handle("GET /api/v1/openapi.json", async () =>
  json(buildOpenApiDocument(), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  }),
);
