import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { eraseConversations } from "@/lib/conversations/erase";
import { CONVERSATION_NOT_FOUND, getConversation } from "@/lib/conversations/read";
import { json, noContent } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";

// A malformed id cannot name a conversation: 404 like any unknown id, without a query.
const conversationId = publicIdParam("id", "conversationId", CONVERSATION_NOT_FOUND);

export const GET = api("conversations:read")
  .use(conversationId)
  .handle("GET /api/v1/conversations/{id}", async ({ principal, conversationId }) =>
    json(await getConversation(principal.organizationId, conversationId)),
  );

export const DELETE = api("conversations:write")
  .use(conversationId)
  .handle("DELETE /api/v1/conversations/{id}", async ({ principal, conversationId }) => {
    await eraseConversations(apiKeyContext(principal), { conversationId });
    return noContent();
  });
