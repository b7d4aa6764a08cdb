import { asc, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { flushPendingOptimizations } from "@/lib/agents/optimization/flush-outbox";
import { WEBHOOK_DELIVERY_REQUESTED } from "@/lib/inngest/events";
import { attemptWebhookDelivery } from "@/lib/webhooks/deliver";
import { queueWebhookEvent } from "@/lib/webhooks/queue-event";
import { createTestOrg, fakeEnv } from "@/tests/fixtures";
import { runDeliveryLikeInngest } from "@/tests/fixtures/inngest";
import { addEndpoint, webhookTestBed } from "@/tests/fixtures/webhooks";

// Webhook delivery end to end: a real receiving HTTP server, signatures checked with the
// standardwebhooks reference package, retries modelled on top of @inngest/test, every attempt
// recorded; the outbox re-sends what never reached Inngest.
const bed = webhookTestBed();

async function attemptsOf(messageId: string) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.messageId, messageId))
    .orderBy(asc(webhookDeliveries.attempts));
}

describe("webhook delivery", () => {
  it("delivers a signed event, retries a 500 and records every attempt", async () => {
    const org = await createTestOrg();
    const { endpoint, secret } = await addEndpoint(org, bed.url, ["agent.created"]);
    const queued = await queueWebhookEvent({
      organizationId: org.id,
      type: "agent.created",
      data: { agent_id: "a1", name: "Bot" },
    });
    expect(queued.deliveryIds).toHaveLength(1);
    expect(queued.sent).toBe(true);
    const [event] = bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    expect(event!.id).toBe(`delivery:${queued.deliveryIds[0]}`);

    bed.answers.push(500, 503);
    const { executions: outs } = await runDeliveryLikeInngest(event!.data);
    expect(outs).toHaveLength(3);
    expect((outs[0]!.error as Error).message).toContain("Attempt 1: Endpoint answered 500");
    expect(outs[2]!.result).toMatchObject({ status: "delivered", attempt: 3, response_code: 200 });

    expect(bed.received).toHaveLength(3);
    const wh = new Webhook(secret);
    for (const r of bed.received) {
      expect(r.headers["webhook-id"]).toBe(queued.messageId); // stable across retries
      expect(r.headers["content-type"]).toBe("application/json");
      const payload = wh.verify(r.body, r.headers as Record<string, string>) as {
        type: string;
        data: unknown;
      };
      expect(payload.type).toBe("agent.created");
      expect(payload.data).toEqual({ agent_id: "a1", name: "Bot" });
    }
    const rows = await attemptsOf(queued.messageId);
    expect(rows.map((r) => [r.attempts, r.status, r.responseCode])).toEqual([
      [1, "failed", 500],
      [2, "failed", 503],
      [3, "succeeded", 200],
    ]);
    expect(rows[2]!.deliveredAt).toBeInstanceOf(Date);
    expect(endpoint.url).toBe(bed.url);
  });

  it("records a network failure as a failed attempt without a response code", async () => {
    const org = await createTestOrg();
    await addEndpoint(org, "http://127.0.0.1:9/nothing-listens", ["agent.deleted"]);
    const queued = await queueWebhookEvent({
      organizationId: org.id,
      type: "agent.deleted",
      data: { agent_id: "x" },
    });
    const outcome = await attemptWebhookDelivery(org.id, queued.deliveryIds[0]!);
    expect(outcome).toMatchObject({
      kind: "done",
      attempt: 1,
      outcome: { status: "failed", responseCode: null },
    });
    const [row] = await attemptsOf(queued.messageId);
    expect(row!.lastError).toMatch(/Request failed/);
  });

  it("a delivery whose hand-off failed is re-sent by the outbox flusher, once", async () => {
    const org = await createTestOrg();
    await addEndpoint(org, bed.url, ["agent.created"]);
    bed.inngest.setMode("down");
    const queued = await queueWebhookEvent({
      organizationId: org.id,
      type: "agent.created",
      data: { agent_id: "z" },
    });
    expect(queued.sent).toBe(false);
    bed.inngest.setMode("up");
    const flushed = await flushPendingOptimizations({ graceSeconds: 0, organizationId: org.id });
    expect(flushed.webhook_deliveries_resent).toBe(1);
    const events = bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    expect(events.map((e) => e.id)).toEqual([`delivery:${queued.deliveryIds[0]}`]);
    await runDeliveryLikeInngest(events[0]!.data);
    expect(bed.received).toHaveLength(1);
    // Attempted now: the next flush leaves it alone.
    const again = await flushPendingOptimizations({ graceSeconds: 0, organizationId: org.id });
    expect(again.webhook_deliveries_resent).toBe(0);
  });

  it("blocks private targets when they are not allowed: recorded once, not retried, nothing sent", async () => {
    // Saved while private targets were allowed (as in development), delivered in production mode:
    // the attempt-time check is what stops it, and the stored reason names no address.
    const org = await createTestOrg();
    const localName = bed.url.replace("127.0.0.1", "localhost");
    for (const url of [bed.url, localName]) await addEndpoint(org, url, ["agent.created"]);
    fakeEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "0" });
    const queued = await queueWebhookEvent({ organizationId: org.id, type: "agent.created", data: {} });
    const { executions: outs } = await runDeliveryLikeInngest(bed.inngest.events[0]!.data);
    expect(outs).toHaveLength(1);
    expect(outs[0]!.error).toMatchObject({ name: "NonRetriableError" });
    for (const ev of bed.inngest.events.slice(1)) await runDeliveryLikeInngest(ev.data);
    expect(bed.received).toHaveLength(0);
    const rows = await attemptsOf(queued.messageId);
    expect(rows.map((r) => [r.attempts, r.status, r.responseCode])).toEqual([
      [1, "failed", null],
      [1, "failed", null],
    ]);
    expect(rows.map((r) => r.lastError).sort()).toEqual([
      "Blocked: the URL's address is in a range that cannot be called (loopback).",
      "Blocked: the host name means this machine (localhost).",
    ]);
    for (const r of rows) expect(r.lastError).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it("in production an endpoint with a private target is refused at save time, with a field error", async () => {
    fakeEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "0" });
    const org = await createTestOrg();
    for (const url of [
      "http://[::ffff:127.0.0.1]/h",
      "http://169.254.169.254/latest",
      "http://localhost./x",
      "http://0x7f.1/",
    ]) {
      const err = await addEndpoint(org, url, ["agent.created"]).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 422, code: "validation_failed" });
      const errors = (err as { extra: { errors: { path: string; message: string }[] } }).extra.errors;
      expect(errors).toHaveLength(1);
      expect(errors[0]!.path).toBe("url");
      expect(errors[0]!.message).toMatch(/^This URL cannot receive webhooks: /);
    }
    const saved = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, org.id));
    expect(saved).toHaveLength(0);
  });

  it("rejects endpoint URLs that are not http(s) or carry credentials", async () => {
    const { createWebhookEndpointSchema } = await import("@/lib/validations/webhook");
    for (const url of ["ftp://x.test/", "javascript:alert(1)", "https://user:pw@x.test/", "not a url"]) {
      expect(createWebhookEndpointSchema.safeParse({ url, events: ["agent.created"] }).success).toBe(false);
    }
    expect(createWebhookEndpointSchema.safeParse({ url: "https://x.test/h", events: [] }).success).toBe(
      false,
    );
    expect(
      createWebhookEndpointSchema.safeParse({ url: "https://x.test/h", events: ["agent.created"] }).success,
    ).toBe(true);
  });
});
