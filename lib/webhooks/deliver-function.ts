import { NonRetriableError } from "inngest";
import { inngest } from "@/lib/inngest/client";
import { webhookDeliveryRequested, webhookDeliveryRequestedSchema } from "@/lib/inngest/events";
import { attemptWebhookDelivery } from "@/lib/webhooks/deliver";

export class WebhookAttemptFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookAttemptFailed";
  }
}

// One signed POST per attempt; a non-2xx answer or a network error throws, so Inngest retries the
// step with exponential backoff (6 attempts in all). Every attempt is its own webhook_deliveries row.
export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver a webhook",
    triggers: [webhookDeliveryRequested],
    concurrency: [{ key: "event.data.organization_id", limit: 5 }],
    retries: 5,
  },
  async ({ event, step }) => {
    const data = webhookDeliveryRequestedSchema.parse(event.data);
    return step.run("attempt-delivery", async () => {
      const result = await attemptWebhookDelivery(data.organization_id, data.delivery_public_id);
      if (result.kind === "blocked") throw new NonRetriableError(result.outcome.error ?? "Blocked target");
      if (result.kind === "done" && result.outcome.status === "failed") {
        throw new WebhookAttemptFailed(`Attempt ${result.attempt}: ${result.outcome.error}`);
      }
      return result.kind === "done"
        ? { status: "delivered", attempt: result.attempt, response_code: result.outcome.responseCode }
        : { status: result.kind };
    });
  },
);
