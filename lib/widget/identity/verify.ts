import { jwtVerify } from "jose";
import { AppError } from "@/lib/errors";
import { decryptIdentitySecret } from "./secret";

// Promise: identity tokens are strict. HS256 only (so `none`, RS256 key confusion and HS512 all
// fail), exp and iat required, exp at most 24 h after iat, 60 s of clock skew either way, sub
// 1–255 characters, aud (when present) the agent's public id, and only the agent's current
// secret. jose compares the HMAC through WebCrypto's verify, which is constant-time. Every
// failure is the same 401: the detail never says which check failed, and nothing is logged.
export const MAX_IDENTITY_LIFETIME_S = 24 * 3600;
export const CLOCK_SKEW_S = 60;
const MAX_TOKEN_CHARS = 4096;

export type VerifiedUser = { sub: string; name: string | null; email: string | null };
type IdentityAgent = { id: number; publicId: string; identitySecretCiphertext: string | null };

const invalid = () => new AppError("unauthenticated", "The identity token is invalid or expired.");
const optionalText = (v: unknown, max: number) =>
  typeof v === "string" && v.length > 0 ? v.slice(0, max) : null;

export async function verifyIdentityToken(agent: IdentityAgent, token: string): Promise<VerifiedUser> {
  if (token.length > MAX_TOKEN_CHARS) throw invalid();
  const secret = await decryptIdentitySecret(agent.id, agent.identitySecretCiphertext);
  if (!secret) throw invalid();
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      requiredClaims: ["sub", "exp", "iat"],
      clockTolerance: CLOCK_SKEW_S,
    }));
  } catch {
    throw invalid();
  }
  const { sub, exp, iat, aud } = payload;
  const now = Math.floor(Date.now() / 1000);
  if (typeof sub !== "string" || sub.length < 1 || sub.length > 255) throw invalid();
  if (typeof exp !== "number" || typeof iat !== "number") throw invalid();
  if (iat > now + CLOCK_SKEW_S || exp - iat > MAX_IDENTITY_LIFETIME_S) throw invalid();
  if (aud !== undefined && !audienceMatches(aud, agent.publicId)) throw invalid();
  return { sub, name: optionalText(payload.name, 255), email: optionalText(payload.email, 320) };
}

function audienceMatches(aud: unknown, publicId: string): boolean {
  const id = publicId.toLowerCase();
  const list = Array.isArray(aud) ? aud : [aud];
  return list.length > 0 && list.every((a) => typeof a === "string" && a.toLowerCase() === id);
}
