import { problem } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";

// Unknown paths under /api answer problem+json, never an HTML page.
function notFound(req: Request) {
  return problem(
    "not_found",
    `No API route matches ${new URL(req.url).pathname}.`,
    requestIdFrom(req.headers),
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
