import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as messagesPost } from "@/app/api/widget/messages/route";
import { db } from "@/db";
import { organizations, orgMessageUsage } from "@/db/schema";
import { WEBHOOK_DELIVERY_REQUESTED } from "@/lib/inngest/events";
import { monthStart } from "@/lib/plans";
import { settleWebhookNotifications } from "@/lib/webhooks/queue-event";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestOrg } from "@/tests/fixtures";
import { useGemini } from "@/tests/fixtures/gemini";
import { runDeliveryLikeInngest } from "@/tests/fixtures/inngest";
import { addEndpoint, webhookTestBed } from "@/tests/fixtures/webhooks";

// usage.threshold: the counter statement tells exactly one request that it crossed 80 % (and
// 100 %), so concurrent replies crossing it send one event each per month.
const bed = webhookTestBed();
beforeEach(() => useGemini(bed.gemini));

async function burst(agentId: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const { token } = await mintWidgetToken(agentId);
      return callRoute(messagesPost, {
        method: "POST",
        path: "/api/widget/messages",
        key: token,
        body: { message: "hi" },
      });
    }),
  );
}

describe("usage.threshold webhook", () => {
  it("20 concurrent replies crossing 80 % deliver the 80 % event once; reaching 100 % delivers that once", async () => {
    const org = await createTestOrg();
    await db.update(organizations).set({ monthlyMessageLimit: 100 }).where(eq(organizations.id, org.id));
    await db.insert(orgMessageUsage).values({ organizationId: org.id, month: monthStart(), used: 70 });
    const { secret } = await addEndpoint(org, bed.url, ["usage.threshold"]);
    const agent = await createTestAgent(org);

    const first = await burst(agent.publicId, 20);
    expect(first.every((r) => r.status === 200)).toBe(true);
    await settleWebhookNotifications();
    for (const e of bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED)) await runDeliveryLikeInngest(e.data);
    const payloads = () =>
      bed.received.map((r) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>)) as {
        type: string;
        data: { threshold: number; used: number; limit: number; month: string };
      }[];
    expect(payloads().map((p) => [p.type, p.data.threshold, p.data.used, p.data.limit])).toEqual([
      ["usage.threshold", 80, 80, 100],
    ]);

    bed.inngest.reset();
    bed.received.length = 0;
    const second = await burst(agent.publicId, 15);
    expect(second.filter((r) => r.status === 200)).toHaveLength(10);
    await settleWebhookNotifications();
    for (const e of bed.inngest.eventsNamed(WEBHOOK_DELIVERY_REQUESTED)) await runDeliveryLikeInngest(e.data);
    expect(payloads().map((p) => [p.data.threshold, p.data.month])).toEqual([
      [100, monthStart().slice(0, 7)],
    ]);
  });
});
