import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";
import { sharedSecret } from "@/lib/coherence/shared-secret";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Keyset cursors for the agents list: (created_at, id) of the last row of a page.
//
// Why AES-256-GCM rather than a plain signed JSON blob: the tie-breaker is the internal bigint
// id (it is what the list-order index `agents_org_created_idx` is keyed on, and it is strictly
// increasing, so agents inserted during a walk always sort *before* the cursor). Internal ids must
// never leave the server, so the payload is encrypted; GCM's tag makes it tamper-evident as well
// (an HMAC over the ciphertext, in effect). The organization and the filters are bound in as
// associated data, so a cursor replayed for another org or other filters fails to decrypt.
//
// created_at is carried as text with microsecond precision (Postgres keeps µs, a JS Date only ms):
// 1,000 agents created in one transaction share one created_at and must still walk exactly once.

export type ListCursor = { createdAt: string; id: number };

const payloadSchema = z.object({
  v: z.literal(1),
  c: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  i: z.number().int().positive(),
});

const IV_BYTES = 12;
const TAG_BYTES = 16;
const g = globalThis as unknown as { __youragentCursorSecret?: string; __youragentCursorDevKey?: Buffer };

/**
 * Without AUTH_SECRET (dev, tests), loads the database's shared secret once per process so a
 * cursor made by one instance decodes on every other; a no-op when AUTH_SECRET is set.
 */
export async function prepareListCursorKey(): Promise<void> {
  if (getEnv().AUTH_SECRET || g.__youragentCursorSecret) return;
  g.__youragentCursorSecret = await sharedSecret("list-cursor");
}

let derived: { secret: string; key: Buffer } | undefined;

function cursorKey(): Buffer {
  const env = getEnv();
  const secret = env.AUTH_SECRET ?? g.__youragentCursorSecret;
  if (!secret) {
    if (env.NODE_ENV === "production") throw new Error("AUTH_SECRET is required to sign list cursors.");
    // Unit tests with neither a secret nor a database: valid for this process only.
    g.__youragentCursorDevKey ??= randomBytes(32);
    return g.__youragentCursorDevKey;
  }
  // Derived once per secret: every page with a next page encodes a cursor.
  if (derived?.secret !== secret)
    derived = { secret, key: Buffer.from(hkdfSync("sha256", secret, "youragent", "list-cursor:v1", 32)) };
  return derived.key;
}

/** What a cursor is bound to: the org and every filter that shapes the result set. */
export function cursorBinding(organizationId: number, filters: Record<string, string | undefined>): Buffer {
  const canonical = JSON.stringify([
    organizationId,
    ...Object.keys(filters)
      .sort()
      .map((k) => [k, filters[k] ?? null]),
  ]);
  return createHash("sha256").update(canonical).digest();
}

export function encodeListCursor(cursor: ListCursor, binding: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", cursorKey(), iv);
  cipher.setAAD(binding);
  const body = Buffer.concat([
    cipher.update(JSON.stringify({ v: 1, c: cursor.createdAt, i: cursor.id }), "utf8"),
    cipher.final(),
  ]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function invalidCursor(): AppError {
  return new AppError(
    "invalid_cursor",
    "The cursor is not valid for this list. Use the next_cursor of a previous page with the same filters.",
  );
}

export function decodeListCursor(token: string, binding: Buffer): ListCursor {
  if (token.length > 512 || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalidCursor();
  const raw = Buffer.from(token, "base64url");
  if (raw.length <= IV_BYTES + TAG_BYTES) throw invalidCursor();
  try {
    const decipher = createDecipheriv("aes-256-gcm", cursorKey(), raw.subarray(0, IV_BYTES));
    decipher.setAAD(binding);
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    const parsed = payloadSchema.safeParse(JSON.parse(text.toString("utf8")));
    if (!parsed.success) throw invalidCursor();
    return { createdAt: parsed.data.c, id: parsed.data.i };
  } catch {
    throw invalidCursor();
  }
}
