import { db } from "@/db";
import { findAgentFramePolicy } from "@/db/queries/widget";
import { isPublicId } from "@/lib/validations/public-id";
import { embedContentSecurityPolicy } from "@/lib/widget/embed-security";

/**
 * The Content-Security-Policy for /embed/{agentId}: `frame-ancestors` from an active agent's
 * allowed origins, read uncached so a removed origin stops framing at once. Any failure falls
 * back to 'self' only (secure by default).
 */
export async function embedPolicyForAgent(agentId: string): Promise<string> {
  let origins: string[] = [];
  if (isPublicId(agentId)) {
    try {
      const agent = await findAgentFramePolicy(db, agentId.toLowerCase());
      if (agent?.status === "active") origins = agent.allowedOrigins;
    } catch {
      origins = [];
    }
  }
  return embedContentSecurityPolicy(origins);
}
