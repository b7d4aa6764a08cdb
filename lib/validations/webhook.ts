import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/inngest/events";

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the events.")
  .max(2_000, "Use at most 2,000 characters.")
  .pipe(
    z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL." }).refine((u) => {
      // Refinements run even after a failed format check: parse defensively.
      const parsed = URL.canParse(u) ? new URL(u) : undefined;
      return !parsed || (!parsed.username && !parsed.password);
    }, "Credentials in the URL are not allowed; verify requests with the signing secret instead."),
  );

export const webhookEventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `Events are ${WEBHOOK_EVENT_TYPES.join(", ")}.` }))
  .min(1, "Choose at least one event.")
  .transform((e) => [...new Set(e)].sort());

export const createWebhookEndpointSchema = z.object({
  url: webhookUrlSchema,
  description: z.string().trim().max(200, "Use at most 200 characters.").optional(),
  events: webhookEventsSchema,
});
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointSchema>;
