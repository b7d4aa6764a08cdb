import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import { flushPendingOptimizations } from "@/lib/agents/optimization/flush-outbox";
import { RUNNER_DID_NOT_PICK_UP } from "@/lib/agents/optimization/resend-stale";
import { OPTIMIZE_REQUESTED, WEBHOOK_DELIVERY_REQUESTED } from "@/lib/inngest/events";
import { queueWebhookEvent } from "@/lib/webhooks/queue-event";
import type { FakeGemini } from "@/tests/fakes/gemini-server";
import type { FakeInngest } from "@/tests/fakes/inngest-server";
import { createTestAgent, createTestOrg, fakeEnv, readAgent } from "@/tests/fixtures";
import { runOptimizeLikeInngest, startFakeBackends } from "@/tests/fixtures/inngest";

// The fake Inngest accepts every event and runs none, as a runner that lost its queue would.
// The outbox must notice (after OUTBOX_RESEND_AFTER_SECONDS), re-send a bounded number of times
// with a new id per try, and finally mark the job failed with the reason.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
let inngestFake: FakeInngest;
let gemini: FakeGemini;
let closeBackends: () => Promise<void>;
const STALE_SECONDS = 1;
const wait = () => new Promise((r) => setTimeout(r, STALE_SECONDS * 1000 + 150));

beforeAll(async () => {
  ({ inngest: inngestFake, gemini, close: closeBackends } = await startFakeBackends());
  // For this file (tests/setup/integration.ts puts the environment back when it ends).
  fakeEnv({ OUTBOX_RESEND_AFTER_SECONDS: String(STALE_SECONDS), OUTBOX_MAX_RESENDS: "2" });
});
afterAll(async () => {
  await closeBackends();
});
beforeEach(() => inngestFake.reset());

describe("outbox: jobs accepted but never run", () => {
  it("an optimization dropped by the runner is re-sent after the configured time and runs once", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org, { optimizationStatus: "pending" });
    // First send (the hand-off the flusher stands in for): accepted, stamped, never run.
    expect(await flushPendingOptimizations({ graceSeconds: 0, organizationId: org.id })).toMatchObject({
      sent: 1,
      stale_resent: [],
    });
    expect((await readAgent(agent.id)).optimizationEventSentAt).not.toBeNull();
    // Not yet stale: nothing is re-sent before the configured time.
    expect((await flushPendingOptimizations({ organizationId: org.id })).stale_resent).toEqual([]);

    await wait();
    // jobs:flush, as an operator runs it, reports what it re-sent.
    const cli = await run(
      process.execPath,
      ["--import", "tsx", "scripts/cli.ts", "jobs:flush", "--org", org.slug],
      {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: "error" },
      },
    );
    const report = JSON.parse(cli.stdout);
    expect(report.stale_resent).toEqual([
      { kind: "optimization", id: agent.publicId, event_id: expect.any(String), try: 1 },
    ]);
    const events = inngestFake.eventsNamed(OPTIMIZE_REQUESTED);
    // The first send's id (built in JS) is the job's key the sweep computed in SQL.
    const original = report.stale_resent[0].event_id;
    expect(events.map((e) => e.id)).toEqual([original, `${original}:resend-1`]);
    const resent = events[1]!;

    // The runner picks the re-sent event up this time.
    const ran = await runOptimizeLikeInngest(resent.data);
    expect(ran.error).toBeUndefined();
    expect((await readAgent(agent.id)).optimizationStatus).toBe("succeeded");
    expect(gemini.calls).toHaveLength(1);

    await wait();
    const after = await flushPendingOptimizations({ organizationId: org.id });
    expect(after.stale_resent).toEqual([]);
    expect(inngestFake.eventsNamed(OPTIMIZE_REQUESTED)).toHaveLength(2);
  });

  it("after the last try the agent is failed with the reason; each try has its own event id", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org, { optimizationStatus: "pending" });
    await flushPendingOptimizations({ graceSeconds: 0, organizationId: org.id });
    for (const attempt of [1, 2]) {
      await wait();
      const r = await flushPendingOptimizations({ organizationId: org.id });
      expect(r.stale_resent.map((x) => x.try)).toEqual([attempt]);
      expect((await readAgent(agent.id)).optimizationStatus).toBe("pending");
    }
    await wait();
    const last = await flushPendingOptimizations({ organizationId: org.id });
    expect(last.stale_resent).toEqual([]);
    expect(last.stale_failed).toEqual([{ kind: "optimization", id: agent.publicId }]);
    const row = await readAgent(agent.id);
    expect(row.optimizationStatus).toBe("failed");
    expect(row.optimizationError).toBe(RUNNER_DID_NOT_PICK_UP);
    const ids = inngestFake.eventsNamed(OPTIMIZE_REQUESTED).map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it("a webhook delivery handed off but never attempted: re-sent, then failed with the reason", async () => {
    const org = await createTestOrg();
    await db.execute(sql`insert into webhook_endpoints (organization_id, url, secret, events)
      values (${org.id}, 'https://hooks.example.com/x', 'whsec_dGVzdHRlc3R0ZXN0dGVzdA==', array['agent.deleted'])`);
    const queued = await queueWebhookEvent({ organizationId: org.id, type: "agent.deleted", data: {} });
    expect(queued.deliveryIds).toHaveLength(1);
    for (const attempt of [1, 2]) {
      await wait();
      const r = await flushPendingOptimizations({ organizationId: org.id });
      expect(r.stale_resent.filter((x) => x.kind === "webhook").map((x) => x.try)).toEqual([attempt]);
    }
    await wait();
    const last = await flushPendingOptimizations({ organizationId: org.id });
    expect(last.stale_failed).toEqual([{ kind: "webhook", id: queued.deliveryIds[0] }]);
    const [row] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.publicId, queued.deliveryIds[0]!));
    expect(row).toMatchObject({ status: "failed", lastError: RUNNER_DID_NOT_PICK_UP });
    expect(inngestFake.eventsNamed(WEBHOOK_DELIVERY_REQUESTED).map((e) => e.id)).toEqual([
      `delivery:${queued.deliveryIds[0]}`,
      `delivery:${queued.deliveryIds[0]}:resend-1`,
      `delivery:${queued.deliveryIds[0]}:resend-2`,
    ]);
  });
});
