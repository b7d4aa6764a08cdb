import type { OpenAPIRegistry, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import {
  eraseQuerySchema,
  exportQuerySchema,
  listConversationsQuerySchema,
  messagesQuerySchema,
} from "@/lib/validations/conversation";
import {
  conversationListSchema,
  conversationWithMessagesSchema,
  exampleConversation,
  exampleMessages,
  messageListSchema,
} from "./conversation-resources";
import { jsonContent, problems } from "./responses";

const idParam = z.object({ id: z.uuid().meta({ example: exampleConversation.id }) });
const tags = ["Conversations"];

/** Both erasures answer 204 with no body. */
function erasure(
  r: OpenAPIRegistry,
  o: Pick<RouteConfig, "path" | "operationId" | "summary" | "description" | "request"> & { error: ErrorCode },
) {
  const { error, ...rest } = o;
  r.registerPath({
    method: "delete",
    tags,
    ...rest,
    responses: { 204: { description: "Erased." }, ...problems("insufficient_scope", error) },
  });
}

export function registerConversationPaths(r: OpenAPIRegistry) {
  r.registerPath({
    method: "get",
    path: "/api/v1/conversations",
    operationId: "listConversations",
    tags,
    summary: "List conversations",
    description:
      "Scope `conversations:read`. Newest activity first, keyset-paged. With `q`, only conversations with a " +
      "matching message, each with `search.snippet` (HTML-escaped, matches in `<mark>`).",
    request: { query: listConversationsQuerySchema },
    responses: {
      200: {
        description: "A page of conversations.",
        content: jsonContent(conversationListSchema, {
          object: "list",
          data: [exampleConversation],
          pagination: { limit: 50, has_more: false, next_cursor: null },
        }),
      },
      ...problems("insufficient_scope", "validation_failed", "invalid_cursor"),
    },
  });

  erasure(r, {
    path: "/api/v1/conversations",
    operationId: "eraseConversationsOfPerson",
    summary: "Erase a user's or a visitor's conversations",
    description:
      "Scope `conversations:write`. Exactly one of `user_id` or `visitor_id`. Messages, feedback and usage go; " +
      "the audit event records how many, not what. 204 also when nothing matched.",
    request: { query: eraseQuerySchema },
    error: "validation_failed",
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/conversations/export",
    operationId: "exportConversations",
    tags,
    summary: "Export messages as JSON Lines or CSV",
    description:
      "Scope `conversations:read`; the list's filters. One line per message with its conversation's fields, " +
      "streamed as an attachment: conversation by conversation in the order they started, each one's messages " +
      "oldest first. CSV follows RFC 4180; cells starting with `=`, `+`, `-` or `@` are " +
      "prefixed with `'` so spreadsheets do not run them.",
    request: { query: exportQuerySchema },
    responses: {
      200: {
        description: "The export, streamed.",
        content: {
          "application/x-ndjson": { schema: { type: "string" } },
          "text/csv": { schema: { type: "string" } },
        },
      },
      ...problems("insufficient_scope", "validation_failed"),
    },
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/conversations/{id}",
    operationId: "getConversation",
    tags,
    summary: "Get a conversation with its first messages",
    description:
      "Scope `conversations:read`. The first 100 messages, oldest first. 404 for other organizations'.",
    request: { params: idParam },
    responses: {
      200: {
        description: "The conversation.",
        content: jsonContent(conversationWithMessagesSchema, {
          ...exampleConversation,
          messages: exampleMessages,
          messages_next_cursor: null,
        }),
      },
      ...problems("insufficient_scope", "not_found"),
    },
  });

  erasure(r, {
    path: "/api/v1/conversations/{id}",
    operationId: "eraseConversation",
    summary: "Erase a conversation",
    description:
      "Scope `conversations:write`. The conversation and all its messages; audited with counts only.",
    request: { params: idParam },
    error: "not_found",
  });

  r.registerPath({
    method: "get",
    path: "/api/v1/conversations/{id}/messages",
    operationId: "listConversationMessages",
    tags,
    summary: "Continue a conversation's messages",
    description: "Scope `conversations:read`. The next 100 messages after `cursor`, oldest first.",
    request: { params: idParam, query: messagesQuerySchema },
    responses: {
      200: {
        description: "A page of messages.",
        content: jsonContent(messageListSchema, {
          object: "list",
          data: exampleMessages,
          pagination: { next_cursor: null },
        }),
      },
      ...problems("insufficient_scope", "not_found", "invalid_cursor"),
    },
  });
}
