import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// GitHub-style recognizable keys: ya_live_<key id: 16 base32 chars>_<secret: 64 hex chars = 32 bytes>.
// The key id is the public lookup part; only sha-256(secret) is stored.
export const API_KEY_PREFIX = "ya_live_";
const KEY_PATTERN = /^ya_live_([a-z2-7]{16})_([0-9a-f]{64})$/;
export const API_KEY_SCOPES = [
  "agents:read",
  "agents:write",
  "conversations:read",
  "conversations:write",
  "knowledge:read",
  "knowledge:write",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

export function generateApiKey(): { key: string; keyId: string; secretHash: string } {
  const keyId = randomBase32(16);
  const secret = randomBytes(32).toString("hex");
  return { key: `${API_KEY_PREFIX}${keyId}_${secret}`, keyId, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Pure parse: a malformed key is rejected here, before any database query. */
export function parseApiKey(raw: string): { keyId: string; secret: string } | undefined {
  const m = KEY_PATTERN.exec(raw);
  return m ? { keyId: m[1]!, secret: m[2]! } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What list views show instead of the key: its prefix and key id. */
export function displayPrefix(keyId: string): string {
  return `${API_KEY_PREFIX}${keyId}_…`;
}
