import { AppError } from "@/lib/errors";
import { assertAcceptableJson } from "./json-guard";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body with a hard size cap (streamed, so a 2 MB body is cut off early),
 * the right content type, and a clear error for anything that is not JSON.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const text = await readCapped(req, maxBytes);
  if (text.trim() === "")
    throw new AppError("invalid_json", "The request body is empty; send a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
  // ── JSON SHAPE GUARD ── the depth/width guard (lib/http/json-guard.ts, hardening issue) is
  // called here, on the parsed value and before any schema walks it.
  assertAcceptableJson(value);
  return value;
}

function tooLarge(maxBytes: number) {
  const size =
    maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / (1024 * 1024))} MiB` : `${maxBytes / 1024} KiB`;
  return new AppError("payload_too_large", `The request body exceeds ${size}.`);
}

async function readCapped(req: Request, maxBytes: number): Promise<string> {
  const bytes = await readCappedBytes(req, maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid UTF-8.");
  }
}

/** The raw body, cut off (413) as soon as it passes `maxBytes`. */
export async function readCappedBytes(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client went away mid-upload (ECONNRESET "aborted"): a client error, not a database one.
      throw new AppError("invalid_json", "The request body could not be read completely.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
