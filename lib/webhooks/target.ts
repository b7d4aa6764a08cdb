import { classifyAddress, vetTarget } from "@/lib/egress";
import { EgressBlocked } from "@/lib/egress/target";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Webhook targets are chosen by an org admin, so the server must not be talked into calling its
// own network (metadata services, databases, admin ports). The egress guard decides; here is
// only the webhook policy: private targets are allowed in development (the receiver is often on
// this machine) and refused in production, at save time and again at every attempt.

export function privateTargetsAllowed(): boolean {
  const env = getEnv();
  if (env.WEBHOOK_ALLOW_PRIVATE_URLS) return env.WEBHOOK_ALLOW_PRIVATE_URLS === "1";
  return env.NODE_ENV !== "production";
}

/** True for every address the egress guard refuses (kept for callers that judge one address). */
export function isPrivateAddress(ip: string): boolean {
  return !classifyAddress(ip).allowed;
}

/** Save-time check: a URL the guard would block is a field error on `url`, nothing is saved. */
export async function assertSavableWebhookUrl(url: string): Promise<void> {
  if (privateTargetsAllowed()) return;
  try {
    await vetTarget(url);
  } catch (e) {
    // A name that does not resolve yet may be set up later: only a block is final.
    if (!(e instanceof EgressBlocked)) return;
    throw AppError.validation([
      { path: "url", message: `${e.message.replace(/^Blocked: /, "This URL cannot receive webhooks: ")}` },
    ]);
  }
}
