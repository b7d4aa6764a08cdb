import { getEnv } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import type { RateLimitRule } from "@/lib/http/steps";
import { type RateLimitResult, rateLimitStore } from "@/lib/rate-limit";

// Per client IP limits on the public widget, checked before the per-visitor and per-agent
// ones: visitor ids are free to invent, addresses are not, so one client cannot mint sessions
// in bulk or use up an agent's limit for everyone. A request without a trustworthy address
// (no socket stamp, e.g. a handler called in-process) has no IP key and meets the other limits.

export const TOO_MANY_CHATS = "Too many chats from your network. Please try again in a minute.";

function known(headers: Headers): string | undefined {
  const ip = clientIp(headers);
  return ip === "unknown" ? undefined : ip;
}

function ipRules(headers: Headers, kind: "session" | "message", limit: number, detail: string) {
  const ip = known(headers);
  return ip ? [{ key: `widget:ip:${kind}:${ip}`, limit, detail }] : [];
}

/** The session-mint rule (embed page views and session refreshes share it). */
export function ipSessionRules(headers: Headers): RateLimitRule[] {
  return ipRules(headers, "session", getEnv().WIDGET_IP_SESSION_RATE_LIMIT_PER_MINUTE, TOO_MANY_CHATS);
}

/** The message rule: whatever visitor ids a client holds, its address sends at most this many. */
export function ipMessageRules(headers: Headers): RateLimitRule[] {
  return ipRules(
    headers,
    "message",
    getEnv().WIDGET_IP_MESSAGE_RATE_LIMIT_PER_MINUTE,
    "Too many messages from your network. Please wait a minute and try again.",
  );
}

/** For the embed page (its door is proxy.ts): the denied result, or undefined when allowed. */
export async function denySessionMint(headers: Headers): Promise<RateLimitResult | undefined> {
  for (const rule of ipSessionRules(headers)) {
    const rl = await rateLimitStore().hit(rule.key, rule.limit, 60_000);
    if (!rl.allowed) return rl;
  }
  return undefined;
}
