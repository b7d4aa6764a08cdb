import { hkdfSync, randomBytes, randomUUID } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Widget session tokens: HS256 JWTs bound to one agent (`sub`) and one visitor (`vid`),
// audience "widget", at most 15 minutes. Minted by the server into the embed page; never
// logged, never sent to the host page.
export const WIDGET_TOKEN_TTL_SECONDS = 900;
const AUDIENCE = "widget";
const ISSUER = "youragent";
const ALGORITHMS = ["HS256"];

/** `user`: the visitor the site vouched for (a verified identity token), carried as `uid`. */
export type SessionUser = { sub: string; name: string | null; email: string | null };
export type WidgetSession = {
  agentPublicId: string;
  visitorId: string;
  expiresAt: number;
  user?: SessionUser;
};

const g = globalThis as unknown as {
  __youragentWidgetKey?: Uint8Array;
  __youragentWidgetDevKey?: Uint8Array;
};

/** WIDGET_TOKEN_SECRET, else a key derived from AUTH_SECRET (HKDF) so the two never coincide. */
export function widgetTokenKey(): Uint8Array {
  if (g.__youragentWidgetKey) return g.__youragentWidgetKey;
  const env = getEnv();
  let key: Uint8Array;
  if (env.WIDGET_TOKEN_SECRET) {
    key = new TextEncoder().encode(env.WIDGET_TOKEN_SECRET);
  } else if (env.AUTH_SECRET) {
    key = new Uint8Array(hkdfSync("sha256", env.AUTH_SECRET, "youragent", "widget-session-token", 32));
  } else if (env.NODE_ENV !== "production") {
    // Tests and ad-hoc dev without secrets: a per-process key (tokens die with the process).
    g.__youragentWidgetDevKey ??= new Uint8Array(randomBytes(32));
    key = g.__youragentWidgetDevKey;
  } else {
    throw new Error("Set WIDGET_TOKEN_SECRET or AUTH_SECRET to sign widget session tokens.");
  }
  g.__youragentWidgetKey = key;
  return key;
}

/** Tests switch secrets between cases. */
export function resetWidgetTokenKey(): void {
  g.__youragentWidgetKey = undefined;
}

export async function mintWidgetToken(
  agentPublicId: string,
  visitorId: string = randomUUID(),
  ttlSeconds = WIDGET_TOKEN_TTL_SECONDS,
  user?: SessionUser,
): Promise<{ token: string; expiresAt: number; visitorId: string }> {
  const now = Math.floor(Date.now() / 1000);
  const ttl = Math.min(ttlSeconds, WIDGET_TOKEN_TTL_SECONDS);
  const expiresAt = now + ttl;
  const claims = user ? { vid: visitorId, uid: user.sub, un: user.name, ue: user.email } : { vid: visitorId };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(agentPublicId)
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(widgetTokenKey());
  return { token, expiresAt, visitorId };
}

/**
 * Strict verification: only HS256 (so `alg: none` and key-confusion fail), our issuer and
 * audience, an expiry no later than 15 minutes after issue. Any failure → 401.
 */
export async function verifyWidgetToken(token: string | undefined | null): Promise<WidgetSession> {
  if (!token) throw unauthenticated("A widget session token is required.");
  try {
    const { payload } = await jwtVerify(token, widgetTokenKey(), {
      algorithms: ALGORITHMS,
      audience: AUDIENCE,
      issuer: ISSUER,
      requiredClaims: ["sub", "exp", "iat"],
      maxTokenAge: WIDGET_TOKEN_TTL_SECONDS,
    });
    const vid = payload.vid;
    const exp = payload.exp as number;
    const iat = payload.iat as number;
    if (typeof vid !== "string" || !vid || !payload.sub || exp - iat > WIDGET_TOKEN_TTL_SECONDS) {
      throw unauthenticated("The widget session token is invalid.");
    }
    const session: WidgetSession = { agentPublicId: payload.sub, visitorId: vid, expiresAt: exp };
    if (typeof payload.uid === "string" && payload.uid) {
      const text = (v: unknown) => (typeof v === "string" ? v : null);
      session.user = { sub: payload.uid, name: text(payload.un), email: text(payload.ue) };
    }
    return session;
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated("The widget session has expired.");
    throw unauthenticated("The widget session token is invalid.");
  }
}

/** Reads `Authorization: Bearer <token>`. */
export function bearerToken(req: Request): string | undefined {
  const h = req.headers.get("authorization");
  const m = h?.match(/^Bearer\s+([A-Za-z0-9._-]+)$/);
  return m?.[1];
}

function unauthenticated(detail: string) {
  return new AppError("unauthenticated", detail);
}
