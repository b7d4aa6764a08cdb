import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { sharedSecret } from "@/lib/coherence/shared-secret";
import { getEnv } from "@/lib/env";

// The identity secret verifies the site's HS256 tokens, so the server needs the secret itself
// (a hash cannot check an HMAC). It is stored AES-256-GCM encrypted under a key derived from
// AUTH_SECRET (or, without one, the database's shared secret, so every instance agrees); the
// agent's internal id is the associated data, so a ciphertext copied to another agent fails.
const PREFIX = "yaid_";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const g = globalThis as unknown as { __youragentIdentityKey?: Buffer };

export function newIdentitySecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Loads (once per process) the encryption key; call before a transaction that encrypts. */
export async function identityKey(): Promise<Buffer> {
  if (g.__youragentIdentityKey) return g.__youragentIdentityKey;
  const root = getEnv().AUTH_SECRET ?? (await sharedSecret("identity-secret"));
  g.__youragentIdentityKey = Buffer.from(hkdfSync("sha256", root, "youragent", "identity-secret:v1", 32));
  return g.__youragentIdentityKey;
}

const aad = (agentId: number) => Buffer.from(`agent:${agentId}`);

export async function encryptIdentitySecret(agentId: number, secret: string): Promise<string> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", await identityKey(), iv);
  cipher.setAAD(aad(agentId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The secret, or undefined when there is none or it no longer decrypts (a changed AUTH_SECRET). */
export async function decryptIdentitySecret(
  agentId: number,
  ciphertext: string | null,
): Promise<string | undefined> {
  if (!ciphertext) return undefined;
  try {
    const raw = Buffer.from(ciphertext, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", await identityKey(), raw.subarray(0, IV_BYTES));
    decipher.setAAD(aad(agentId));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return undefined;
  }
}
