import { z } from "zod";
import { messageRoleEnum } from "@/db/schema/enums";

// Response shapes of API.md "Conversations"; the conversations OpenAPI test parses real responses
// with them, so the document cannot drift from the handlers.

const timestamp = z.iso.datetime().meta({ example: "2026-11-26T08:00:00.000Z" });
const uuid = z.uuid().meta({ example: "5b1f8e2a-6c3d-4e7f-8a9b-0c1d2e3f4a5b" });

const cursorPagination = z.object({
  limit: z.number().int(),
  has_more: z.boolean(),
  next_cursor: z
    .string()
    .nullable()
    .describe("Opaque; pass as `cursor` with the same filters for the next page. null on the last page."),
});

const listEnvelope = <T extends z.ZodType, P extends z.ZodType>(item: T, pagination: P) =>
  z.object({ object: z.literal("list"), data: z.array(item), pagination });

export const conversationResourceSchema = z
  .object({
    object: z.literal("conversation"),
    id: uuid,
    agent: z.object({ id: uuid, name: z.string() }),
    visitor_id: z.string().describe("Opaque visitor id (never the session token)."),
    user: z
      .object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .describe("null unless the visitor was verified."),
    started_at: timestamp,
    last_message_at: timestamp,
    message_count: z.number().int().min(0),
    feedback: z.object({ up: z.number().int().min(0), down: z.number().int().min(0) }),
    search: z
      .object({ snippet: z.string(), rank: z.number() })
      .optional()
      .describe(
        "With `q`: the best matching passage (matches in <b>…</b>, the rest HTML-escaped) and its rank.",
      ),
  })
  .meta({ id: "Conversation" });

export const messageResourceSchema = z
  .object({
    object: z.literal("message"),
    id: uuid,
    role: z.enum(messageRoleEnum.enumValues),
    content: z.string(),
    created_at: timestamp,
    feedback: z
      .object({ rating: z.enum(["up", "down"]), comment: z.string().nullable() })
      .nullable()
      .describe("The visitor's last rating of an assistant message."),
    usage: z
      .object({ input_tokens: z.number().int(), output_tokens: z.number().int() })
      .nullable()
      .describe("Gemini's token counts for an assistant message."),
    sources: z.array(z.record(z.string(), z.unknown())).describe("Knowledge passages the answer used."),
  })
  .meta({ id: "Message" });

export const conversationListSchema = listEnvelope(conversationResourceSchema, cursorPagination).meta({
  id: "ConversationList",
});

export const conversationWithMessagesSchema = conversationResourceSchema
  .extend({
    messages: z.array(messageResourceSchema).describe("The first 100 messages, oldest first."),
    messages_next_cursor: z.string().nullable().describe("Continue with GET …/messages?cursor=…"),
  })
  .meta({ id: "ConversationWithMessages" });

export const messageListSchema = listEnvelope(
  messageResourceSchema,
  z.object({ next_cursor: z.string().nullable() }),
).meta({ id: "MessageList" });

export const exampleConversation = {
  object: "conversation",
  id: "5b1f8e2a-6c3d-4e7f-8a9b-0c1d2e3f4a5b",
  agent: { id: "7d0c5e1a-3b8f-4c2d-9e6a-1f2b3c4d5e6f", name: "Support bot" },
  visitor_id: "v_9f3c2a71",
  user: null,
  started_at: "2026-11-26T08:00:00.000Z",
  last_message_at: "2026-11-26T08:03:12.000Z",
  message_count: 2,
  feedback: { up: 1, down: 0 },
} satisfies z.input<typeof conversationResourceSchema>;

export const exampleMessages = [
  {
    object: "message",
    id: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    role: "user",
    content: "How do I get a refund?",
    created_at: "2026-11-26T08:00:00.000Z",
    feedback: null,
    usage: null,
    sources: [],
  },
  {
    object: "message",
    id: "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a",
    role: "assistant",
    content: "Returns are accepted within 30 days; start one from your order page.",
    created_at: "2026-11-26T08:00:02.000Z",
    feedback: { rating: "up", comment: null },
    usage: { input_tokens: 812, output_tokens: 96 },
    sources: [],
  },
] satisfies z.input<typeof messageResourceSchema>[];
