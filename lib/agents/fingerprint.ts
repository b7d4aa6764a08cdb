import { createHash } from "node:crypto";

// Idempotency fingerprint: sha-256 of the canonical JSON (keys sorted at every level) of the
// PARSED input, so key order, whitespace and spelled-out defaults do not count as "another body".
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestFingerprint(input: Record<string, unknown>): string {
  const { idempotency_key: _ignored, ...rest } = input;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}
