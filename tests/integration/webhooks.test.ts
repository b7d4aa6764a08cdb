import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { asc, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DELETE } from "@/app/api/v1/agents/[id]/route";
import { POST as createRoute } from "@/app/api/v1/agents/route";
import { db } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { flushPendingOptimizations } from "@/lib/agents/optimization/flush-outbox";
import { resetEnvCache } from "@/lib/env";
import { configureInngest } from "@/lib/inngest/client";
import { WEBHOOK_DELIVERY_REQUESTED } from "@/lib/inngest/events";
import { deliverWebhook } from "@/lib/inngest/functions/deliver-webhook";
import { resetGeminiClient } from "@/lib/llm/client";
import { attemptWebhookDelivery } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint, sendTestWebhook } from "@/lib/webhooks/endpoints";
import { queueWebhookEvent, settleWebhookNotifications } from "@/lib/webhooks/queue-event";
import { createTestApiKey, createTestOrg } from "@/tests/factories";
import { type FakeGemini, startFakeGemini } from "@/tests/fakes/gemini-server";
import { type FakeInngest, startFakeInngest } from "@/tests/fakes/inngest-server";
import { callRoute } from "@/tests/helpers/http";
import { eventFor, insertPendingAgent, runOptimizeLikeInngest } from "./optimization/support";

// Webhook delivery end to end: a real receiving HTTP server, signatures checked with the
// standardwebhooks reference package, retries modelled on top of @inngest/test.
type Received = { headers: IncomingHttpHeaders; body: string };
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let answers: number[] = [];
let inngestFake: FakeInngest;
let gemini: FakeGemini;
const admin = { type: "system" as const, label: "test" };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answers.shift() ?? 200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  inngestFake = await startFakeInngest();
  gemini = await startFakeGemini();
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = inngestFake.url;
  process.env.GEMINI_API_KEY = "fake-key";
  process.env.GEMINI_BASE_URL = gemini.url;
  resetEnvCache();
  resetGeminiClient();
  configureInngest();
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await inngestFake.close();
  await gemini.close();
});
beforeEach(() => {
  received.length = 0;
  answers = [];
  inngestFake.reset();
});

async function runDeliveryLikeInngest(data: Record<string, unknown>, maxAttempts = 6) {
  const outs = [];
  for (let i = 0; i < maxAttempts; i++) {
    const out = await new InngestTestEngine({
      function: deliverWebhook,
      events: [{ name: WEBHOOK_DELIVERY_REQUESTED, data }],
    }).execute();
    outs.push(out);
    // Like Inngest: success ends the run, and so does a NonRetriableError.
    if (!out.error || (out.error as { name?: string }).name === "NonRetriableError") break;
  }
  return outs;
}

async function attemptsOf(messageId: string) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.messageId, messageId))
    .orderBy(asc(webhookDeliveries.attempts));
}

describe("webhooks", () => {
  it("delivers a signed event, retries a 500 and records every attempt", async () => {
    const org = await createTestOrg();
    const { endpoint, secret } = await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.created"] },
    });
    const queued = await queueWebhookEvent({
      organizationId: org.id,
      type: "agent.created",
      data: { agent_id: "a1", name: "Bot" },
    });
    expect(queued.deliveryIds).toHaveLength(1);
    expect(queued.sent).toBe(true);
    const [event] = inngestFake.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    expect(event!.id).toBe(`delivery:${queued.deliveryIds[0]}`);

    answers = [500, 503];
    const outs = await runDeliveryLikeInngest(event!.data);
    expect(outs).toHaveLength(3);
    expect((outs[0]!.error as Error).message).toContain("Attempt 1: Endpoint answered 500");
    expect(outs[2]!.result).toMatchObject({ status: "delivered", attempt: 3, response_code: 200 });

    expect(received).toHaveLength(3);
    const wh = new Webhook(secret);
    for (const r of received) {
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
    expect(endpoint.url).toBe(receiverUrl);
  });

  it("records a network failure as a failed attempt without a response code", async () => {
    const org = await createTestOrg();
    await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: "http://127.0.0.1:9/nothing-listens", events: ["agent.deleted"] },
    });
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

  it("only subscribed, enabled endpoints of the organization get an event", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.deleted"] },
    });
    await createWebhookEndpoint({
      organizationId: other.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.created"] },
    });
    const queued = await queueWebhookEvent({ organizationId: org.id, type: "agent.created", data: {} });
    expect(queued.deliveryIds).toEqual([]);
    expect(inngestFake.requests).toBe(0);
  });

  it("another organization cannot attempt a delivery", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.created"] },
    });
    const queued = await queueWebhookEvent({ organizationId: org.id, type: "agent.created", data: {} });
    expect(await attemptWebhookDelivery(other.id, queued.deliveryIds[0]!)).toEqual({ kind: "missing" });
    expect(received).toHaveLength(0);
  });

  it("sends a test event to the one chosen endpoint", async () => {
    const org = await createTestOrg();
    const a = await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.created"] },
    });
    await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.created"] },
    });
    const queued = await sendTestWebhook({ organizationId: org.id, endpointPublicId: a.endpoint.publicId });
    expect(queued.deliveryIds).toHaveLength(1);
    await runDeliveryLikeInngest(inngestFake.events[0]!.data);
    expect(received).toHaveLength(1);
    expect(
      new Webhook(a.secret).verify(received[0]!.body, received[0]!.headers as Record<string, string>),
    ).toMatchObject({
      type: "webhook.test",
    });
  });

  it("a successful optimization notifies agent.optimization.succeeded subscribers", async () => {
    const org = await createTestOrg();
    const { secret } = await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.optimization.succeeded", "agent.optimization.failed"] },
    });
    const agent = await insertPendingAgent(org);
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "succeeded" });
    const [event] = inngestFake.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    await runDeliveryLikeInngest(event!.data);
    const payload = new Webhook(secret).verify(
      received[0]!.body,
      received[0]!.headers as Record<string, string>,
    );
    expect(payload).toMatchObject({
      type: "agent.optimization.succeeded",
      data: { agent_id: agent.publicId, prompt_version: 1 },
    });
  });

  it("creating and deleting an agent through the API notifies subscribers", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const { secret } = await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.created", "agent.deleted"] },
    });
    const created = await callRoute(createRoute, {
      method: "POST",
      path: "/api/v1/agents",
      key,
      body: { name: "Hooked bot", auto_optimize: false },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const deleted = await callRoute(DELETE, {
      method: "DELETE",
      path: `/api/v1/agents/${id}`,
      key,
      params: { id },
    });
    expect(deleted.status).toBe(204);
    await settleWebhookNotifications();
    const events = inngestFake.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    expect(events).toHaveLength(2);
    for (const e of events) await runDeliveryLikeInngest(e.data);
    const payloads = received.map((r) =>
      new Webhook(secret).verify(r.body, r.headers as Record<string, string>),
    );
    expect(payloads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "agent.created", data: { agent_id: id, name: "Hooked bot" } }),
        expect.objectContaining({ type: "agent.deleted", data: { agent_id: id, name: "Hooked bot" } }),
      ]),
    );
  });

  it("a delivery whose hand-off failed is re-sent by the outbox flusher, once", async () => {
    const org = await createTestOrg();
    await createWebhookEndpoint({
      organizationId: org.id,
      actor: admin,
      input: { url: receiverUrl, events: ["agent.created"] },
    });
    inngestFake.setMode("down");
    const queued = await queueWebhookEvent({
      organizationId: org.id,
      type: "agent.created",
      data: { agent_id: "z" },
    });
    expect(queued.sent).toBe(false);
    inngestFake.setMode("up");
    const flushed = await flushPendingOptimizations({ graceSeconds: 0, organizationId: org.id });
    expect(flushed.webhook_deliveries_resent).toBe(1);
    const events = inngestFake.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    expect(events.map((e) => e.id)).toEqual([`delivery:${queued.deliveryIds[0]}`]);
    await runDeliveryLikeInngest(events[0]!.data);
    expect(received).toHaveLength(1);
    // Attempted now: the next flush leaves it alone.
    const again = await flushPendingOptimizations({ graceSeconds: 0, organizationId: org.id });
    expect(again.webhook_deliveries_resent).toBe(0);
  });

  it("blocks private targets when they are not allowed: recorded once, not retried, nothing sent", async () => {
    // Saved while private targets were allowed (as in development), delivered in production mode:
    // the attempt-time check is what stops it, and the stored reason names no address.
    const org = await createTestOrg();
    const localName = receiverUrl.replace("127.0.0.1", "localhost");
    for (const url of [receiverUrl, localName]) {
      await createWebhookEndpoint({
        organizationId: org.id,
        actor: admin,
        input: { url, events: ["agent.created"] },
      });
    }
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "0";
    resetEnvCache();
    try {
      const queued = await queueWebhookEvent({ organizationId: org.id, type: "agent.created", data: {} });
      const outs = await runDeliveryLikeInngest(inngestFake.events[0]!.data);
      expect(outs).toHaveLength(1);
      expect(outs[0]!.error).toMatchObject({ name: "NonRetriableError" });
      for (const ev of inngestFake.events.slice(1)) await runDeliveryLikeInngest(ev.data);
      expect(received).toHaveLength(0);
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
    } finally {
      delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
      resetEnvCache();
    }
  });

  it("in production an endpoint with a private target is refused at save time, with a field error", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "0";
    resetEnvCache();
    try {
      const org = await createTestOrg();
      for (const url of [
        "http://[::ffff:127.0.0.1]/h",
        "http://169.254.169.254/latest",
        "http://localhost./x",
        "http://0x7f.1/",
      ]) {
        const err = await createWebhookEndpoint({
          organizationId: org.id,
          actor: admin,
          input: { url, events: ["agent.created"] },
        }).catch((e: unknown) => e);
        expect(err).toMatchObject({ status: 422, code: "validation_failed" });
        const errors = (err as { extra: { errors: { path: string; message: string }[] } }).extra.errors;
        expect(errors).toHaveLength(1);
        expect(errors[0]!.path).toBe("url");
        expect(errors[0]!.message).toMatch(/^This URL cannot receive webhooks: /);
      }
      const saved = await db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.organizationId, org.id));
      expect(saved).toHaveLength(0);
    } finally {
      delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
      resetEnvCache();
    }
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
