import { requestIdFrom } from "@/lib/http/request-id";
import { buildOpenApiDocument } from "@/lib/openapi/document";

// Public and cacheable: the document depends only on the deployed code.
export function GET(req: Request) {
  return new Response(JSON.stringify(buildOpenApiDocument()), {
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
      "X-Request-Id": requestIdFrom(req.headers),
    },
  });
}
