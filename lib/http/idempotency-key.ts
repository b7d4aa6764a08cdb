import { AppError } from "@/lib/errors";
import { idempotencyKeySchema } from "@/lib/validations/agent";

/** The Idempotency-Key header, if sent; a malformed one is a clear 400, never ignored. */
export function readIdempotencyHeader(req: Request): string | undefined {
  const raw = req.headers.get("idempotency-key");
  if (raw === null) return undefined;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("invalid_idempotency_key", "Idempotency-Key must be 1–255 visible ASCII characters.");
  }
  return parsed.data;
}
