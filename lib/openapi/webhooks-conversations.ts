import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { jsonContent } from "./responses";

// The conversation webhook events (API.md "Conversations") as OpenAPI 3.1 `webhooks`: what a
// subscribed endpoint receives, signed per Standard Webhooks. The webhook integration test
// parses delivered payloads with these schemas, so the document cannot drift from the sender.
const uuid = z.uuid();
const agent = z.object({ id: uuid, name: z.string() });
const envelope = <T extends z.ZodType>(type: string, data: T) =>
  z.object({ type: z.literal(type), timestamp: z.iso.datetime(), data });

export const conversationStartedPayloadSchema = envelope(
  "conversation.started",
  z.object({
    conversation: z.object({
      id: uuid,
      agent,
      visitor_id: z.string().describe("Opaque visitor id."),
      user: z
        .object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() })
        .nullable()
        .describe("null unless the visitor was verified."),
      started_at: z.iso.datetime(),
    }),
  }),
).meta({ id: "ConversationStartedEvent" });

export const conversationFeedbackPayloadSchema = envelope(
  "conversation.feedback",
  z.object({
    conversation_id: uuid,
    message_id: uuid.describe("The rated assistant message."),
    agent,
    rating: z.enum(["up", "down"]),
    previous_rating: z.enum(["up", "down"]).nullable().describe("null: the first rating of this answer."),
    comment: z.string().max(1000).nullable(),
  }),
).meta({ id: "ConversationFeedbackEvent" });

const headers = "Headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (Standard Webhooks).";

export function registerConversationWebhooks(r: OpenAPIRegistry) {
  r.registerWebhook({
    method: "post",
    path: "conversation.started",
    operationId: "conversationStartedWebhook",
    tags: ["Conversations"],
    summary: "A visitor started a conversation",
    description: `Sent when a conversation's first message arrives. ${headers}`,
    request: { body: { content: jsonContent(conversationStartedPayloadSchema) } },
    responses: { 200: { description: "Any 2xx acknowledges; anything else is retried with backoff." } },
  });
  r.registerWebhook({
    method: "post",
    path: "conversation.feedback",
    operationId: "conversationFeedbackWebhook",
    tags: ["Conversations"],
    summary: "A visitor rated an answer",
    description: `Sent when a rating is given or changed (the last one wins). ${headers}`,
    request: { body: { content: jsonContent(conversationFeedbackPayloadSchema) } },
    responses: { 200: { description: "Any 2xx acknowledges; anything else is retried with backoff." } },
  });
}
