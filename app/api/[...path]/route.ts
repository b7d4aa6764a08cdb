import { AppError } from "@/lib/errors";
import { pipeline } from "@/lib/http/pipeline";

// Unknown paths under /api answer problem+json, never an HTML page.
const notFound = pipeline.handle("api.not_found", async ({ url }) => {
  throw new AppError("not_found", `No API route matches ${url.pathname}.`);
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
