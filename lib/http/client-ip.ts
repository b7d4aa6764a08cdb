import { randomBytes, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { getEnv } from "@/lib/env";

// Route handlers and server actions never see the socket, and Next fills X-Forwarded-For from
// the client's own header when one is sent. So the server (scripts/serve.ts) stamps every
// request with the socket address in PEER_HEADER, tagged with a secret of this process: a
// client sending that header cannot forge the tag, and a request without it has no known peer.
export const PEER_HEADER = "x-youragent-peer";

const g = globalThis as unknown as { __youragentPeerTag?: string };

function peerTag(): string {
  g.__youragentPeerTag ??= randomBytes(16).toString("hex");
  return g.__youragentPeerTag;
}

/** The PEER_HEADER value for a socket address (the server sets it; tests use it as a socket). */
export function peerHeaderValue(socketAddress: string): string {
  return `${peerTag()} ${socketAddress}`;
}

function socketAddress(headers: Headers): string | undefined {
  const raw = headers.get(PEER_HEADER);
  const space = raw?.indexOf(" ") ?? -1;
  if (!raw || space < 0) return undefined;
  const tag = Buffer.from(raw.slice(0, space));
  const expected = Buffer.from(peerTag());
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) return undefined;
  return normalize(raw.slice(space + 1));
}

function normalize(addr: string): string | undefined {
  let a = addr.trim();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]"));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.toLowerCase();
  // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d: one client, one key.
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  return isIP(a) ? a : undefined;
}

/**
 * The client's IP address. With TRUST_PROXY = 0 (default) it is the socket address and
 * X-Forwarded-For is ignored, since any client can send one. With TRUST_PROXY = N, the N
 * nearest hops (socket first, then X-Forwarded-For from the right) are our proxies and the
 * address behind them is the client; a shorter chain yields its leftmost address.
 * "unknown" when there is no trustworthy address (e.g. `next dev`, which bypasses our server).
 */
export function clientIp(headers: Headers, trustProxy = getEnv().TRUST_PROXY): string {
  const socket = socketAddress(headers);
  if (!socket) return "unknown";
  if (trustProxy === 0) return socket;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [socket, ...forwarded.reverse()];
  for (let i = 1; i <= Math.min(trustProxy, chain.length - 1); i++) {
    const hop = normalize(chain[i]!);
    // A malformed hop ends the trusted chain: the last good address stands.
    if (!hop) return normalize(chain[i - 1]!) ?? socket;
    if (i === trustProxy || i === chain.length - 1) return hop;
  }
  return socket;
}
