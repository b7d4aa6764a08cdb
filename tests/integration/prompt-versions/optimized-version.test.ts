import { describe, expect, it } from "vitest";
import { createTestAgent } from "@/tests/fixtures";
import { eventFor, runOptimizeLikeInngest } from "@/tests/fixtures/inngest";
import { editPromptDuringGeminiCall, optimizationFile } from "@/tests/fixtures/optimization";
import { versionRows } from "@/tests/fixtures/prompt-versions";

// The optimization result is a version too, written in the transaction that saves it.
const file = optimizationFile();

describe("optimization results as versions", () => {
  it("a saved result leaves one 'optimized' version by the system with the rationale", async () => {
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
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
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    editPromptDuringGeminiCall(file, agent.publicId, "Edited during the run.");
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "discarded" });
    expect((await versionRows(agent.publicId)).map((r) => r.source)).toEqual(["edited"]);
  });
});
