import { beforeAll, describe, expect, it } from "vitest";
import { updateAgent } from "@/lib/agents/update-agent";
import { parseAgentPatch } from "@/lib/validations/agent";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";
import { eventFor, runOptimizeLikeInngest } from "@/tests/fixtures/inngest";
import { versionRows } from "@/tests/fixtures/prompt-versions";

// The optimization result is a version too, written in the transaction that saves it.
const gemini = fakeGeminiForEachTest({ GEMINI_TIMEOUT_MS: "3000" });
let org: Awaited<ReturnType<typeof createTestOrg>>;

beforeAll(async () => {
  org = await createTestOrg({ plan: "pro" });
});

describe("optimization results as versions", () => {
  it("a saved result leaves one 'optimized' version by the system with the rationale", async () => {
    const agent = await createTestAgent(org, { optimizationStatus: "pending" });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "succeeded" });
    const rows = await versionRows(agent.publicId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "optimized",
      createdByType: "system",
      createdByName: "Prompt optimizer",
    });
    expect(rows[0]!.systemPrompt).toContain("clarifying question");
    expect(rows[0]!.rationale).toMatch(/concision/);
  });

  it("a result discarded because the prompt was edited mid-run leaves no optimized version", async () => {
    const agent = await createTestAgent(org, { optimizationStatus: "pending" });
    gemini.enqueue(async (call) => {
      await updateAgent(
        { organizationId: org.id, actor: { type: "system", label: "test" } },
        {
          publicId: agent.publicId,
          patch: parseAgentPatch({ system_prompt: "Edited during the run.", auto_optimize: false }),
        },
      );
      return { json: { optimized_prompt: `${call.userText} improved`, rationale: "Better." } };
    });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "discarded" });
    expect((await versionRows(agent.publicId)).map((r) => r.source)).toEqual(["edited"]);
  });
});
