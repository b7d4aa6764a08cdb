import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

// The resume secret: 256 random bits the widget keeps in its own (app-origin) storage and sends
// in a header, never in a URL. Only its sha-256 is stored, so a database read cannot resume.
export const RESUME_SECRET_HEADER = "x-resume-secret";
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newResumeSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashResumeSecret(secret) };
}

export function hashResumeSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The header's secret; a missing or malformed one finds nothing (404, like a wrong one). */
export function resumeSecretFrom(req: Request): string {
  const value = req.headers.get(RESUME_SECRET_HEADER)?.trim();
  if (!value || !SECRET_PATTERN.test(value)) {
    throw new AppError("not_found", "There is no conversation to resume.");
  }
  return value;
}
