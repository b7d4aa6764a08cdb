import { api } from "@/lib/api/route";
import { CONVERSATION_NOT_FOUND, listConversationMessages } from "@/lib/conversations/read";
import { json } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";
import { messagesQuerySchema } from "@/lib/validations/conversation";

const conversationId = publicIdParam("id", "conversationId", CONVERSATION_NOT_FOUND);

export const GET = api("conversations:read")
  .use(conversationId)
  .handle("GET /api/v1/conversations/{id}/messages", async ({ principal, conversationId, url }) => {
    const query = messagesQuerySchema.parse(Object.fromEntries(url.searchParams));
    return json(await listConversationMessages(principal.organizationId, conversationId, query.cursor));
  });
