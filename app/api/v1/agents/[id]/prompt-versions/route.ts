import { listPromptVersionsPage } from "@/lib/agents/prompt-versions/list-prompt-versions";
import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";
import { MESSAGES } from "@/lib/messages";
import { listPromptVersionsQuerySchema } from "@/lib/validations/prompt-versions";

// GET /api/v1/agents/{id}/prompt-versions: newest first, keyset-paginated by version number.
export const GET = api("agents:read")
  .use(publicIdParam("id", "agentId", MESSAGES.agentNotFound))
  .handle("GET /api/v1/agents/{id}/prompt-versions", async ({ principal, agentId, url }) => {
    const query = listPromptVersionsQuerySchema.parse(Object.fromEntries(url.searchParams));
    return json(await listPromptVersionsPage(principal.organizationId, agentId, query));
  });
