import { z } from "zod";
import { listLimitParam } from "./agent-list";

// Query strings arrive as strings; an empty value (`?q=`) means "not given".
const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const filterShape = {
  agent_id: optional(z.uuid("agent_id must be an agent id.")).meta({ description: "Only this agent's." }),
  user_id: optional(z.string().max(255, "user_id is at most 255 characters.")).meta({
    description: "Only the verified user with this external id.",
  }),
  since: optional(z.iso.datetime({ offset: true, error: "since must be an RFC 3339 date-time." })).meta({
    description: "Last activity at or after (RFC 3339).",
  }),
  until: optional(z.iso.datetime({ offset: true, error: "until must be an RFC 3339 date-time." })).meta({
    description: "Last activity before (RFC 3339).",
  }),
  rating: optional(z.enum(["up", "down", "none"], "rating is up, down or none.")).meta({
    description: "With a thumbs up, a thumbs down, or no rating at all.",
  }),
  q: optional(z.string().trim().min(1).max(200, "q is at most 200 characters.")).meta({
    description: "Full-text search over message content.",
    example: "refund",
  }),
};

export const conversationFiltersSchema = z.object(filterShape);

/** GET /api/v1/conversations query parameters (also its OpenAPI parameters). */
export const listConversationsQuerySchema = z.object({
  ...filterShape,
  limit: listLimitParam,
  cursor: optional(z.string().max(4096)).meta({ description: "`next_cursor` of the previous page." }),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;
export type ConversationFiltersInput = z.infer<typeof conversationFiltersSchema>;

export const messagesQuerySchema = z.object({
  cursor: optional(z.string().max(4096)).meta({
    description: "`messages_next_cursor` of the previous page.",
  }),
});

export const exportQuerySchema = z.object({
  ...filterShape,
  format: z
    .preprocess(emptyToUndefined, z.enum(["jsonl", "csv"], "format is jsonl or csv.").default("jsonl"))
    .meta({ description: "JSON Lines (default) or CSV (RFC 4180)." }),
});

export const eraseQuerySchema = z
  .object({
    user_id: optional(z.string().min(1).max(255)).meta({ description: "Erase this verified user's." }),
    visitor_id: optional(z.string().min(1).max(255)).meta({ description: "Erase this visitor's." }),
  })
  .refine((v) => (v.user_id === undefined) !== (v.visitor_id === undefined), {
    message: "Send exactly one of user_id or visitor_id.",
    path: ["user_id"],
  });

export const widgetFeedbackSchema = z.strictObject({
  message_id: z.uuid("Use the message_id the widget received."),
  rating: z.enum(["up", "down"], "rating is up or down."),
  comment: z.string().trim().max(1000, "At most 1,000 characters.").optional(),
});
