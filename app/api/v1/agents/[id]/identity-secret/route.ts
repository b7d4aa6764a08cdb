import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";
import { MESSAGES } from "@/lib/messages";
import { rotateIdentitySecret } from "@/lib/widget/identity/rotate";

// POST /api/v1/agents/{id}/identity-secret: creates or rotates the secret the site signs
// identity tokens with; shown once (no-store), the previous one fails at once.
export const POST = api("agents:write")
  .use(publicIdParam("id", "agentId", MESSAGES.agentNotFound))
  .handle("POST /api/v1/agents/{id}/identity-secret", async ({ principal, agentId }) => {
    const { secret } = await rotateIdentitySecret(apiKeyContext(principal), { publicId: agentId });
    return json({ secret }, { headers: { "Cache-Control": "no-store" } });
  });
