import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureInngest } from "@/lib/inngest/client";
import { type FakeInngest, startFakeInngest } from "@/tests/fakes/inngest-server";
import { fakeEnv } from "@/tests/fixtures";

// app/api/inngest through the SDK's own Next adapter: introspection, and the registration the
// Inngest server receives (triggers, concurrency, idempotency, retries, cron, failure handler).
type Handler = (req: Request, ctx: unknown) => Promise<Response>;
let inngestFake: FakeInngest;
let GET: Handler;
let PUT: Handler;

beforeAll(async () => {
  inngestFake = await startFakeInngest();
  fakeEnv({ INNGEST_DEV: "1", INNGEST_BASE_URL: inngestFake.url });
  configureInngest();
  // The SDK fixes its register URL when serve() runs: import the route after the env is set.
  ({ GET, PUT } = (await import("@/app/api/inngest/route")) as unknown as { GET: Handler; PUT: Handler });
});
afterAll(async () => {
  await inngestFake.close();
});

describe("/api/inngest", () => {
  it("introspects in dev mode", async () => {
    const res = await GET(new Request("http://localhost:3000/api/inngest"), {});
    expect(res.status).toBe(200);
    // optimize-prompt + its failure handler, the outbox cron, deliver-webhook, run-evaluation +
    // its failure handler, the two transcript-retention crons, and knowledge ingestion + its
    // failure handler + the scheduled re-sync cron.
    expect(await res.json()).toMatchObject({ function_count: 11, mode: "dev" });
  });

  it("registers the functions with their triggers and limits", async () => {
    const res = await PUT(new Request("http://localhost:3000/api/inngest", { method: "PUT" }), {});
    expect(res.status).toBe(200);
    const [registration] = inngestFake.registrations;
    expect(registration.appName).toBe("youragent");
    expect(registration.url).toBe("http://localhost:3000/api/inngest");
    const fns = Object.fromEntries(
      (registration.functions as { id: string }[]).map((f) => [f.id.replace(/^youragent-/, ""), f]),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(fns).sort()).toEqual([
      "deliver-webhook",
      "flush-optimization-outbox",
      "ingest-knowledge-source",
      "ingest-knowledge-source-failure",
      "knowledge-scheduled-sync",
      "optimize-prompt",
      "optimize-prompt-failure",
      "run-evaluation",
      "run-evaluation-failure",
      "transcript-retention",
      "transcript-retention-ephemeral",
    ]);
    expect(fns["transcript-retention"]).toMatchObject({ triggers: [{ cron: "17 3 * * *" }] });
    expect(fns["transcript-retention-ephemeral"]).toMatchObject({ triggers: [{ cron: "*/10 * * * *" }] });
    expect(fns["optimize-prompt"]).toMatchObject({
      triggers: [{ event: "agent/prompt.optimize.requested" }],
      concurrency: [{ key: "event.data.organization_id", limit: 2 }],
      idempotency: expect.stringContaining("event.data.requested_at"),
    });
    expect(JSON.stringify(fns["optimize-prompt"]!.steps)).toContain('"retries":{"attempts":4}');
    expect(fns["optimize-prompt-failure"]).toMatchObject({
      triggers: [
        { event: "inngest/function.failed", expression: expect.stringContaining("optimize-prompt") },
      ],
    });
    expect(fns["flush-optimization-outbox"]).toMatchObject({ triggers: [{ cron: "* * * * *" }] });
    expect(fns["deliver-webhook"]).toMatchObject({ triggers: [{ event: "webhook/delivery.requested" }] });
    expect(JSON.stringify(fns["deliver-webhook"]!.steps)).toContain('"retries":{"attempts":5}');
    expect(fns["ingest-knowledge-source"]).toMatchObject({
      triggers: [{ event: "knowledge/source.sync.requested" }],
      concurrency: [
        { key: "event.data.source_public_id", limit: 1 },
        { key: "event.data.organization_id", limit: 2 },
      ],
    });
    expect(fns["run-evaluation"]).toMatchObject({
      triggers: [{ event: "agent/eval.run.requested" }],
      concurrency: [{ key: "event.data.organization_id", limit: 2 }],
      idempotency: "event.data.run_public_id",
    });
  });
});
