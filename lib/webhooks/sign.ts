import { createHmac, randomBytes, randomUUID } from "node:crypto";

// Standard Webhooks (standardwebhooks.com): the signed content is `${id}.${timestamp}.${body}`,
// HMAC-SHA256 keyed with the base64-decoded part of the `whsec_` secret, sent as `v1,<base64>`.
const SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

function secretKey(secret: string): Buffer {
  const raw = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(raw, "base64");
}

export function signWebhook(
  secret: string,
  messageId: string,
  timestampSeconds: number,
  body: string,
): string {
  const mac = createHmac("sha256", secretKey(secret))
    .update(`${messageId}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${mac}`;
}

/** The three headers of a signed delivery. The timestamp is the attempt's, in whole seconds. */
export function webhookHeaders(secret: string, messageId: string, body: string, now = new Date()) {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, messageId, timestamp, body),
  };
}

/** `msg_` and 32 hex digits (122 random bits). From randomUUID: it draws on a cached pool of
 * random bytes, where randomBytes calls into OpenSSL's generator each time (one per agent
 * create, subscribers or not). */
export function newWebhookMessageId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}
