import { eq, inArray } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { flushPendingOptimizations } from "@/lib/agents/optimization/flush-outbox";
import { WEBHOOK_DELIVERY_REQUESTED } from "@/lib/inngest/events";
import { settleWebhookNotifications } from "@/lib/webhooks/queue-event";
import { createTestApiKey, createTestKnowledgePack, createTestOrg } from "@/tests/fixtures";
import { postAgent } from "@/tests/fixtures/agent-api";
import { runDeliveryLikeInngest } from "@/tests/fixtures/inngest";
import { addEndpoint, webhookTestBed } from "@/tests/fixtures/webhooks";

// The create writes its `agent.created` delivery rows in its own statement: they exist as soon
// as the agent does, only for the org's enabled subscribers, never for a create that failed or
// a replay, and a lost hand-off is left to the outbox like any other delivery.
const bed = webhookTestBed();

async function deliveriesOf(endpointIds: number[]) {
  return db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.endpointId, endpointIds));
}

async function endpointId(publicId: string) {
  const [row] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.publicId, publicId));
  return row!.id;
}

describe("agent.created deliveries written by the create", () => {
  it("one row per enabled subscriber of the org, committed with the agent, then handed off", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const a = await addEndpoint(org, bed.url, ["agent.created"]);
    const b = await addEndpoint(org, bed.url, ["agent.created", "agent.deleted"]);
    const off = await addEndpoint(org, bed.url, ["agent.created"]);
    await db
      .update(webhookEndpoints)
      .set({ enabled: false })
      .where(eq(webhookEndpoints.publicId, off.endpoint.publicId));
    const deletedOnly = await addEndpoint(org, bed.url, ["agent.deleted"]);
    const theirs = await addEndpoint(other, bed.url, ["agent.created"]);
    const ids = await Promise.all(
      [a, b, off, deletedOnly, theirs].map((e) => endpointId(e.endpoint.publicId)),
    );

    const res = await postAgent(key, { name: "Outboxed", auto_optimize: false });
    expect(res.status).toBe(201);
    // Read before the hand-off settles: the rows are there because they committed with the agent.
    const rows = await deliveriesOf(ids);
    expect(rows.map((r) => r.endpointId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(1);
    for (const r of rows) {
      expect(r).toMatchObject({ eventType: "agent.created", status: "pending", attempts: 0 });
      expect(r.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(r.payload).toMatchObject({
        type: "agent.created",
        data: { agent_id: res.json.id, name: "Outboxed" },
      });
      expect(Number.isNaN(Date.parse(String(r.payload.timestamp)))).toBe(false);
    }

    await settleWebhookNotifications();
    const events = bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    expect(events.map((e) => e.id).sort()).toEqual(rows.map((r) => `delivery:${r.publicId}`).sort());
    for (const e of events) {
      expect(e.data).toMatchObject({ organization_id: org.id });
      await runDeliveryLikeInngest(e.data);
    }
    expect(bed.received).toHaveLength(2);
    const verified = bed.received.map((r) =>
      [a.secret, b.secret].some((s) => {
        try {
          new Webhook(s).verify(r.body, r.headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      }),
    );
    expect(verified).toEqual([true, true]);
  });

  it("a create that fails or replays writes no delivery", async () => {
    const org = await createTestOrg({ maxAgents: 2 });
    const other = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const id = await endpointId((await addEndpoint(org, bed.url, ["agent.created"])).endpoint.publicId);
    const foreignPack = await createTestKnowledgePack(other);

    // The pack check fails after the write statement ran: its rollback takes the delivery too.
    const badPack = await postAgent(key, { name: "Pack", knowledge_pack_id: foreignPack.publicId });
    expect(badPack.status).toBe(422);
    expect(await deliveriesOf([id])).toHaveLength(0);

    const first = await postAgent(
      key,
      { name: "Only", auto_optimize: false },
      { headers: { "Idempotency-Key": "k1" } },
    );
    expect(first.status).toBe(201);
    const replay = await postAgent(
      key,
      { name: "Only", auto_optimize: false },
      { headers: { "Idempotency-Key": "k1" } },
    );
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const nameTaken = await postAgent(key, { name: "Only", auto_optimize: false });
    expect(nameTaken.json).toMatchObject({ code: "name_conflict" });
    const second = await postAgent(key, { name: "Second", auto_optimize: false });
    expect(second.status).toBe(201);
    const limited = await postAgent(key, { name: "Third", auto_optimize: false });
    expect(limited.status).toBe(403);
    expect(limited.json).toMatchObject({ code: "plan_limit_reached" });

    await settleWebhookNotifications();
    const rows = await deliveriesOf([id]);
    expect(rows.map((r) => (r.payload.data as { name: string }).name).sort()).toEqual(["Only", "Second"]);
    expect(bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED)).toHaveLength(2);
  });

  it("with Inngest down the create still succeeds and the outbox hands the delivery off once", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const id = await endpointId((await addEndpoint(org, bed.url, ["agent.created"])).endpoint.publicId);
    bed.inngest.setMode("down");
    const res = await postAgent(key, { name: "Down", auto_optimize: false });
    expect(res.status).toBe(201);
    await settleWebhookNotifications();
    const [row] = await deliveriesOf([id]);
    expect(row).toMatchObject({ status: "pending", attempts: 0 });

    bed.inngest.setMode("up");
    const flushed = await flushPendingOptimizations({ graceSeconds: 0, organizationId: org.id });
    expect(flushed.webhook_deliveries_resent).toBe(1);
    const events = bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED);
    expect(events.map((e) => e.id)).toEqual([`delivery:${row!.publicId}`]);
    await runDeliveryLikeInngest(events[0]!.data);
    expect(bed.received).toHaveLength(1);
  });
});
