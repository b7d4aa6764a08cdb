import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { eraseConversations } from "@/lib/conversations/erase";
import { listConversationsPageJson } from "@/lib/conversations/read";
import { jsonText, noContent } from "@/lib/http/pipeline";
import { eraseQuerySchema, listConversationsQuerySchema } from "@/lib/validations/conversation";

export const GET = api("conversations:read").handle("GET /api/v1/conversations", async (ctx) => {
  const query = listConversationsQuerySchema.parse(Object.fromEntries(ctx.url.searchParams));
  return jsonText(await listConversationsPageJson(ctx.principal.organizationId, query));
});

// Erasure of everything one verified user or one visitor said, in this organization.
export const DELETE = api("conversations:write").handle("DELETE /api/v1/conversations", async (ctx) => {
  const query = eraseQuerySchema.parse(Object.fromEntries(ctx.url.searchParams));
  await eraseConversations(
    apiKeyContext(ctx.principal),
    query.user_id !== undefined ? { userId: query.user_id } : { visitorId: query.visitor_id! },
  );
  return noContent();
});
