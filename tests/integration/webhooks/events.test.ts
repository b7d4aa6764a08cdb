import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { DELETE } from "@/app/api/v1/agents/[id]/route";
import { POST as createRoute } from "@/app/api/v1/agents/route";
import { WEBHOOK_DELIVERY_REQUESTED } from "@/lib/inngest/events";
import { attemptWebhookDelivery } from "@/lib/webhooks/deliver";
import { sendTestWebhook } from "@/lib/webhooks/endpoints";
import { queueWebhookEvent, settleWebhookNotifications } from "@/lib/webhooks/queue-event";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { putSuite, startRun } from "@/tests/fixtures/evals";
import {
  eventFor,
  runDeliveryLikeInngest,
  runEvaluationLikeInngest,
  runOptimizeLikeInngest,
} from "@/tests/fixtures/inngest";
import { addEndpoint, webhookTestBed } from "@/tests/fixtures/webhooks";

// Which events reach which endpoints: subscriptions, organizations, the test event, and the
// notifications the agent API and the optimization function raise.
const bed = webhookTestBed();

/** A received request's payload, as the subscriber holding `secret` verifies it. */
const verified = (secret: string, r: (typeof bed.received)[number]) =>
  new Webhook(secret).verify(r.body, r.headers as Record<string, string>);

/** Delivers the first requested webhook and returns what the subscriber verifies. */
async function deliverFirstRequested(secret: string) {
  const [event] = bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
  await runDeliveryLikeInngest(event!.data);
  return verified(secret, bed.received[0]!);
}

describe("webhook events", () => {
  it("only subscribed, enabled endpoints of the organization get an event", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    await addEndpoint(org, bed.url, ["agent.deleted"]);
    await addEndpoint(other, bed.url, ["agent.created"]);
    const queued = await queueWebhookEvent({ organizationId: org.id, type: "agent.created", data: {} });
    expect(queued.deliveryIds).toEqual([]);
    expect(bed.inngest.requests).toBe(0);
  });

  it("another organization cannot attempt a delivery", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    await addEndpoint(org, bed.url, ["agent.created"]);
    const queued = await queueWebhookEvent({ organizationId: org.id, type: "agent.created", data: {} });
    expect(await attemptWebhookDelivery(other.id, queued.deliveryIds[0]!)).toEqual({ kind: "missing" });
    expect(bed.received).toHaveLength(0);
  });

  it("sends a test event to the one chosen endpoint", async () => {
    const org = await createTestOrg();
    const a = await addEndpoint(org, bed.url, ["agent.created"]);
    await addEndpoint(org, bed.url, ["agent.created"]);
    const queued = await sendTestWebhook({ organizationId: org.id, endpointPublicId: a.endpoint.publicId });
    expect(queued.deliveryIds).toHaveLength(1);
    await runDeliveryLikeInngest(bed.inngest.events[0]!.data);
    expect(bed.received).toHaveLength(1);
    expect(verified(a.secret, bed.received[0]!)).toMatchObject({ type: "webhook.test" });
  });

  it("a successful optimization notifies agent.optimization.succeeded subscribers", async () => {
    const org = await createTestOrg();
    const { secret } = await addEndpoint(org, bed.url, [
      "agent.optimization.succeeded",
      "agent.optimization.failed",
    ]);
    const agent = await createTestAgent(org, { optimizationStatus: "pending" });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "succeeded" });
    const payload = await deliverFirstRequested(secret);
    expect(payload).toMatchObject({
      type: "agent.optimization.succeeded",
      data: { agent_id: agent.publicId, prompt_version: 1 },
    });
  });

  it("a finished evaluation run notifies agent.eval.completed subscribers", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const { secret } = await addEndpoint(org, bed.url, ["agent.eval.completed"]);
    const agent = await createTestAgent(org);
    // The fake's reply repeats the question ("You said: …"), so this expectation is met.
    await putSuite(key, agent.publicId, { body: { cases: [{ input: "q", expectations: ["You said"] }] } });
    const started = await startRun(key, agent.publicId);
    await runEvaluationLikeInngest(org.id, started.json.id);
    const payload = await deliverFirstRequested(secret);
    expect(payload).toMatchObject({
      type: "agent.eval.completed",
      data: { agent_id: agent.publicId, run_id: started.json.id, purpose: "manual", score: 1, passed: true },
    });
  });

  it("creating and deleting an agent through the API notifies subscribers", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const { secret } = await addEndpoint(org, bed.url, ["agent.created", "agent.deleted"]);
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
    const events = bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    expect(events).toHaveLength(2);
    for (const e of events) await runDeliveryLikeInngest(e.data);
    const payloads = bed.received.map((r) => verified(secret, r));
    expect(payloads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "agent.created", data: { agent_id: id, name: "Hooked bot" } }),
        expect.objectContaining({ type: "agent.deleted", data: { agent_id: id, name: "Hooked bot" } }),
      ]),
    );
  });
});
