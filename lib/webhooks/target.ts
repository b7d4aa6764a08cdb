import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { getEnv } from "@/lib/env";

// SSRF guard for webhook deliveries: an org admin chooses the URL, so the server must not be
// talked into calling its own network (metadata services, databases, admin ports). Checked at
// each attempt on the resolved addresses, since DNS can change after the endpoint is saved.
export class BlockedWebhookTarget extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BlockedWebhookTarget";
  }
}

export function privateTargetsAllowed(): boolean {
  const env = getEnv();
  if (env.WEBHOOK_ALLOW_PRIVATE_URLS) return env.WEBHOOK_ALLOW_PRIVATE_URLS === "1";
  return env.NODE_ENV !== "production";
}

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

const V4_BLOCKED: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

/** True for loopback, private, link-local, CGNAT, multicast and reserved addresses (v4 and v6). */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const n = ipv4ToInt(ip);
    return V4_BLOCKED.some(([base, bits]) => {
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      return (n & mask) >>> 0 === (ipv4ToInt(base) & mask) >>> 0;
    });
  }
  const v6 = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return isPrivateAddress(mapped[1]!);
  return (
    v6 === "::" ||
    v6 === "::1" ||
    /^f[cd][0-9a-f]{2}:/.test(v6) || // fc00::/7 unique local
    /^fe[89ab][0-9a-f]:/.test(v6) || // fe80::/10 link-local
    /^ff[0-9a-f]{2}:/.test(v6) // multicast
  );
}

/** Throws BlockedWebhookTarget when the URL's host resolves to a private address (and that is not allowed). */
export async function assertPublicTarget(url: string): Promise<void> {
  if (privateTargetsAllowed()) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked) {
    throw new BlockedWebhookTarget(
      `Blocked: ${new URL(url).hostname} resolves to a private address (${blocked}).`,
    );
  }
}
