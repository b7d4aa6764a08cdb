import { AppError } from "@/lib/errors";
import { readCappedBytes } from "./body";

/** The request's media type, lower-cased, without parameters. */
export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * A multipart/form-data body read with a hard size cap (streamed, cut off early), then parsed.
 * A body that is not well-formed multipart is a 400, never a 5xx.
 */
export async function readMultipartForm(req: Request, maxBytes: number): Promise<FormData> {
  const bytes = await readCappedBytes(req, maxBytes);
  try {
    return await new Request("http://local/", {
      method: "POST",
      headers: { "content-type": req.headers.get("content-type") ?? "" },
      body: new Uint8Array(bytes),
    }).formData();
  } catch {
    throw new AppError("invalid_json", "The multipart/form-data body could not be read.");
  }
}
