import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { WEBHOOK_DELIVERY_REQUESTED, WEBHOOK_EVENT_TYPES } from "@/lib/inngest/events";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import {
  conversationFeedbackPayloadSchema,
  conversationStartedPayloadSchema,
} from "@/lib/openapi/webhooks-conversations";
import { settleWebhookNotifications } from "@/lib/webhooks/queue-event";
import { mintWidgetToken } from "@/lib/widget/token";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";
import { runDeliveryLikeInngest } from "@/tests/fixtures/inngest";
import { addEndpoint, webhookTestBed } from "@/tests/fixtures/webhooks";
import { postWidgetFeedback } from "@/tests/fixtures/widget-routes";
import { chat } from "../conversations/helpers";

// conversation.started and conversation.feedback (API.md "Conversations"): raised by the real
// widget routes, delivered by the delivery function to a receiver on 127.0.0.1, signed.
const bed = webhookTestBed();

const rate = postWidgetFeedback;

/** Delivers every requested webhook and returns the payloads as the subscriber verifies them. */
async function deliverAll(secret: string) {
  await settleWebhookNotifications();
  for (const e of bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED)) await runDeliveryLikeInngest(e.data);
  const hook = new Webhook(secret);
  // biome-ignore lint/suspicious/noExplicitAny: webhook payloads are dynamic JSON
  return bed.received.map((r) => hook.verify(r.body, r.headers as Record<string, string>) as any);
}

describe("conversation webhooks", () => {
  it("a visitor's first message delivers conversation.started; a rating and its change deliver conversation.feedback", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    const { secret } = await addEndpoint(org, bed.url, ["conversation.started", "conversation.feedback"]);
    const visitor = await mintWidgetToken(agent.publicId);
    const turn = await chat(visitor.token, "Do you ship to Norway?");
    expect(turn.status).toBe(200);
    const started = await deliverAll(secret);
    expect(started).toEqual([
      expect.objectContaining({
        type: "conversation.started",
        data: {
          conversation: {
            id: turn.conversationId,
            agent: { id: agent.publicId, name: agent.name },
            visitor_id: expect.any(String),
            user: null,
            started_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          },
        },
      }),
    ]);
    // The documented payload is the delivered one.
    conversationStartedPayloadSchema.parse(started[0]);
    // A second turn of the same conversation starts nothing.
    bed.received.length = 0;
    bed.inngest.reset();
    await chat(visitor.token, "And to Iceland?", turn.conversationId);
    expect(await deliverAll(secret)).toEqual([]);

    expect((await rate(visitor.token, { message_id: turn.messageId, rating: "up" })).status).toBe(204);
    const first = await deliverAll(secret);
    bed.received.length = 0;
    bed.inngest.reset();
    expect(
      (await rate(visitor.token, { message_id: turn.messageId, rating: "down", comment: "Too vague" }))
        .status,
    ).toBe(204);
    const changed = await deliverAll(secret);
    const feedback = (rating: string, previous: string | null, comment: string | null) =>
      expect.objectContaining({
        type: "conversation.feedback",
        data: {
          conversation_id: turn.conversationId,
          message_id: turn.messageId,
          agent: { id: agent.publicId, name: agent.name },
          rating,
          previous_rating: previous,
          comment,
        },
      });
    expect(first).toEqual([feedback("up", null, null)]);
    expect(changed).toEqual([feedback("down", "up", "Too vague")]);
    for (const p of [...first, ...changed]) conversationFeedbackPayloadSchema.parse(p);
  });

  it("both events are subscribable and documented as OpenAPI webhooks", () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(
      expect.arrayContaining(["conversation.started", "conversation.feedback"]),
    );
    const webhooks = buildOpenApiDocument().webhooks ?? {};
    expect(Object.keys(webhooks)).toEqual(
      expect.arrayContaining(["conversation.started", "conversation.feedback"]),
    );
    expect(webhooks["conversation.feedback"]?.post?.requestBody).toBeDefined();
  });

  it("endpoints not subscribed to conversation events, or of another org, get none", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    const agent = await createTestAgent(org);
    await addEndpoint(org, bed.url, ["agent.created"]);
    await addEndpoint(other, bed.url, ["conversation.started", "conversation.feedback"]);
    const visitor = await mintWidgetToken(agent.publicId);
    const turn = await chat(visitor.token, "Hello?");
    expect((await rate(visitor.token, { message_id: turn.messageId, rating: "up" })).status).toBe(204);
    await settleWebhookNotifications();
    expect(bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED)).toHaveLength(0);
    expect(bed.received).toHaveLength(0);
  });
});
