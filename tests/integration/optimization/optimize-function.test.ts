import { InngestTestEngine } from "@inngest/test";
import { inArray, sql } from "drizzle-orm";
import type { EventPayload } from "inngest";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import { onOptimizationFailure } from "@/lib/agents/optimization/run-steps";
import { inngest } from "@/lib/inngest/client";
import type { FakeGemini } from "@/tests/fakes/gemini-server";
import { createTestAgent, createTestOrg, readAgent } from "@/tests/fixtures";
import { useGemini } from "@/tests/fixtures/gemini";
import { eventFor, runOptimizeLikeInngest } from "@/tests/fixtures/inngest";
import { editPromptDuringGeminiCall, optimizationFile } from "@/tests/fixtures/optimization";

// The optimize-prompt Inngest function on real Postgres, with Gemini played by the fake HTTP server
// through the real @google/genai SDK.
const file = optimizationFile();
const { gemini } = file;

describe("optimize-prompt function", () => {
  it("saves the optimized prompt, rationale and metadata and ends succeeded", async () => {
    const agent = await createTestAgent(file.org, {
      optimizationStatus: "pending",
      config: { model: "gemini-2.5-pro" },
    });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ status: "succeeded" });
    expect(gemini.calls).toHaveLength(1);
    expect(gemini.calls[0]!.model).toBe("gemini-2.5-pro");
    expect(gemini.calls[0]!.userText).toBe(agent.systemPrompt);
    expect(gemini.calls[0]!.body.generationConfig.responseMimeType).toBe("application/json");
    expect(gemini.calls[0]!.body.generationConfig.responseSchema.required).toEqual([
      "optimized_prompt",
      "rationale",
    ]);

    const row = await readAgent(agent.id);
    expect(row.optimizationStatus).toBe("succeeded");
    expect(row.systemPrompt).toBe(agent.systemPrompt); // the original is kept
    expect(row.optimizedSystemPrompt).toContain(agent.systemPrompt);
    expect(row.optimizedSystemPrompt).toContain("clarifying question");
    expect(row.optimizationRationale).toMatch(/concision/);
    expect(row.optimizationError).toBeNull();
    expect(row.optimizationMetadata).toMatchObject({
      model: "gemini-2.5-pro",
      prompt_tokens: 42,
      prompt_version: 1,
    });
    expect(row.optimizationMetadata?.latency_ms).toEqual(expect.any(Number));
    expect(row.optimizationMetadata?.output_tokens).toBeGreaterThan(0);
  });

  it("retries after a Gemini 500 and then succeeds", async () => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    gemini.enqueue({ status: 500, errorMessage: "backend exploded" });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.attempts).toBe(2);
    expect((run.executions[0]!.error as Error).message).toContain("500");
    expect((run.executions[0]!.error as Error).name).not.toBe("NonRetriableError");
    expect(run.result).toMatchObject({ status: "succeeded" });
    expect(gemini.calls).toHaveLength(2);
    const row = await readAgent(agent.id);
    expect(row.optimizationStatus).toBe("succeeded");
    expect(row.optimizedSystemPrompt).toBeTruthy();
  });

  it("treats a 429 as retriable too", async () => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    gemini.enqueue({ status: 429 });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.executions[0]!.error).toMatchObject({ name: "RetryAfterError" });
    expect(run.attempts).toBe(2);
    expect((await readAgent(agent.id)).optimizationStatus).toBe("succeeded");
  });

  const invalid: [string, Parameters<FakeGemini["enqueue"]>[0], RegExp][] = [
    ["markup", { json: { optimized_prompt: "<b>Be nice</b>", rationale: "bold" } }, /markup/],
    ["not JSON", { text: "Sure! Here is a better prompt: be nice." }, /not valid JSON/],
    ["wrong shape", { json: { prompt: "be nice" } }, /optimized_prompt/],
    ["empty prompt", { json: { optimized_prompt: "   ", rationale: "nothing" } }, /empty prompt/],
    ["too long", { json: { optimized_prompt: "a".repeat(20_001), rationale: "long" } }, /20001 characters/],
  ];
  it.each(invalid)("fails without retrying on invalid output (%s)", async (_label, script, reason) => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    gemini.enqueue(script);
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.attempts).toBe(1);
    expect(run.error).toMatchObject({ name: "NonRetriableError" });
    expect(gemini.calls).toHaveLength(1);
    const row = await readAgent(agent.id);
    expect(row.optimizationStatus).toBe("failed");
    expect(row.optimizationError).toMatch(reason);
    expect(row.optimizedSystemPrompt).toBeNull();
    expect(row.systemPrompt).toBe(agent.systemPrompt);
  });

  it("onFailure marks the agent failed with the reason and keeps the original prompt", async () => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "running" });
    // The real handler, wrapped in a function triggered like Inngest's failure handler.
    const failureFn = inngest.createFunction(
      { id: "test-optimize-failure", triggers: [{ event: "inngest/function.failed" }] },
      (ctx) =>
        onOptimizationFailure({
          event: ctx.event as unknown as { data: { event: { data: unknown } } },
          error: new Error("Gemini error 500: backend exploded"),
        }),
    );
    const events: [EventPayload] = [
      {
        name: "inngest/function.failed",
        data: {
          function_id: "youragent-optimize-prompt",
          run_id: "01TEST",
          error: { name: "Error", message: "Gemini error 500: backend exploded" },
          event: { name: "agent/prompt.optimize.requested", data: eventFor(agent) },
        },
      },
    ];
    const engine = new InngestTestEngine({ function: failureFn, events });
    const out = await engine.execute();
    expect(out.result).toEqual({ status: "failed" });
    const row = await readAgent(agent.id);
    expect(row.optimizationStatus).toBe("failed");
    expect(row.optimizationError).toBe("Optimization failed: Gemini error 500: backend exploded");
    expect(row.systemPrompt).toBe(agent.systemPrompt);
    // Idempotent: a second failure notice changes nothing.
    const again = await new InngestTestEngine({ function: failureFn, events }).execute();
    expect(again.result).toEqual({ status: "unchanged" });
  });

  it("keeps the admin's prompt when it is edited between the Gemini call and the save", async () => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    // The admin saves a new prompt while Gemini is thinking.
    editPromptDuringGeminiCall(file, agent.publicId, "Admin's hand-written prompt.");
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "discarded" });
    const row = await readAgent(agent.id);
    expect(row.systemPrompt).toBe("Admin's hand-written prompt.");
    expect(row.promptVersion).toBe(2);
    expect(row.optimizedSystemPrompt).toBeNull();
    expect(row.optimizationStatus).toBe("not_requested");
  });

  it("runs Gemini once when the same event arrives three times", async () => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    const event = eventFor(agent);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await runOptimizeLikeInngest(event));
    expect(gemini.calls).toHaveLength(1);
    expect(results.map((r) => r.result)).toEqual([
      expect.objectContaining({ status: "succeeded" }),
      { status: "ignored", reason: "already succeeded" },
      { status: "ignored", reason: "already succeeded" },
    ]);
  });

  it("ignores an event of an older request cycle", async () => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    const stale = { ...eventFor(agent), requested_at: new Date(Date.now() - 60_000).toISOString() };
    const run = await runOptimizeLikeInngest(stale);
    expect(run.result).toEqual({ status: "ignored", reason: "superseded by a newer request" });
    expect(gemini.calls).toHaveLength(0);
    expect((await readAgent(agent.id)).optimizationStatus).toBe("pending");
  });

  it("matches a request cycle stamped by Postgres now() (microseconds)", async () => {
    const inserted = await createTestAgent(file.org, { optimizationStatus: "pending" });
    await db.execute(sql`update agents set optimization_requested_at = now() where id = ${inserted.id}`);
    const agent = await readAgent(inserted.id);
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "succeeded" });
  });

  it("marks the agent skipped without a Gemini key", async () => {
    useGemini(undefined);
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toEqual({ status: "skipped", reason: "GEMINI_API_KEY is not configured" });
    expect(gemini.calls).toHaveLength(0);
    const row = await readAgent(agent.id);
    expect(row.optimizationStatus).toBe("skipped");
    expect(row.optimizationError).toBe("GEMINI_API_KEY is not configured");
  });

  it("queues no webhook deliveries when the org has no endpoints", async () => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    await runOptimizeLikeInngest(eventFor(agent));
    const rows = await db
      .select()
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.eventType, ["agent.optimization.succeeded"]));
    expect(
      rows.filter((r) => (r.payload.data as { agent_id?: string })?.agent_id === agent.publicId),
    ).toEqual([]);
  });

  it("asks Gemini with the plan's effective model: a stored model outside the plan falls back", async () => {
    const free = await createTestOrg({ plan: "free" });
    const agent = await createTestAgent(free, {
      optimizationStatus: "pending",
      config: { model: "gemini-2.5-pro" },
    });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "succeeded" });
    expect(gemini.calls.map((c) => c.model)).toEqual(["gemini-2.5-flash"]);
    expect((await readAgent(agent.id)).optimizationMetadata).toMatchObject({ model: "gemini-2.5-flash" });
  });
});
