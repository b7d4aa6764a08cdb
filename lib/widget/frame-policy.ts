import { db } from "@/db";
import { findAgentFramePolicy } from "@/db/queries/widget";
import { isPublicId } from "@/lib/validations/public-id";
import { embedContentSecurityPolicy } from "@/lib/widget/embed-security";

/**
 * The origins that may frame /embed/{agentId}: an active agent's allowed origins, read uncached
 * so a removed origin stops framing at once. The preview (/embed/preview/…) is framed by the
 * dashboard only. Any failure falls back to 'self' only (secure by default).
 */
async function frameOrigins(pathname: string): Promise<string[]> {
  const parts = pathname.split("/");
  if (parts[2] === "preview") return [];
  const id = parts[2] ?? "";
  if (!isPublicId(id)) return [];
  try {
    const agent = await findAgentFramePolicy(db, id.toLowerCase());
    return agent?.status === "active" ? agent.allowedOrigins : [];
  } catch {
    return [];
  }
}

/** The Content-Security-Policy of an /embed/* page, with this request's script nonce. */
export async function embedPolicyForPath(pathname: string, nonce: string): Promise<string> {
  return embedContentSecurityPolicy(await frameOrigins(pathname), nonce);
}
