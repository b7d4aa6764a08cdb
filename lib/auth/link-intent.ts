import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

// "Link GitHub" on the settings page: the signed-in user (who re-entered their password)
// gets this short-lived, signed cookie; the GitHub callback links the identity to that user
// only. It names the session version, so signing out voids it.
export const LINK_INTENT_COOKIE = "youragent-link-github";
export const LINK_INTENT_TTL_SECONDS = 600;

function mac(payload: string): string {
  const secret = getEnv().AUTH_SECRET ?? "";
  return createHmac("sha256", `link-intent:${secret}`).update(payload).digest("base64url");
}

export function createLinkIntent(userPublicId: string, sessionVersion: number, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ u: userPublicId, sv: sessionVersion, exp: now + LINK_INTENT_TTL_SECONDS * 1000 }),
  ).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

export function readLinkIntent(
  value: string | undefined,
  now = Date.now(),
): { userPublicId: string; sessionVersion: number } | undefined {
  const [payload, sig] = value?.split(".") ?? [];
  if (!payload || !sig || !getEnv().AUTH_SECRET) return undefined;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64url").toString()) as {
      u: string;
      sv: number;
      exp: number;
    };
    if (typeof data.u !== "string" || typeof data.sv !== "number" || !(data.exp > now)) return undefined;
    return { userPublicId: data.u, sessionVersion: data.sv };
  } catch {
    return undefined;
  }
}

/** The cookie's value from a raw Cookie header. */
export function linkIntentFromCookieHeader(header: string | null): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (part.slice(0, eq).trim() === LINK_INTENT_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
