import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { agentPromptVersions, agents } from "@/db/schema";
import { effectivePrompt } from "@/lib/agents/serialize";
import { type GeminiCall, isJudgeCall, judgeAnswer, judgeRequest } from "@/tests/fakes/gemini-server";
import { createTestAgent, readAgent } from "@/tests/fixtures";
import { evalOrgForFile, putSuite, runRows } from "@/tests/fixtures/evals";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";
import { eventFor, runOptimizeLikeInngest } from "@/tests/fixtures/inngest";

// Promise 39: with a suite, an optimization result is switched on only if it scores at least
// as well as the prompt in use and breaks no must-not. Verdicts are scripted through replies:
// the fake's judge marks an expectation met when the reply contains it.
const gemini = fakeGeminiForEachTest({ GEMINI_TIMEOUT_MS: "3000" });
const file = evalOrgForFile();

const CANDIDATE = "CANDIDATE prompt: be precise.";
const SUITE = [
  { id: "q1", input: "q1", expectations: ["alpha"], must_not: ["refund"] },
  { id: "q2", input: "q2", expectations: ["beta"] },
];

/** The optimizer proposes CANDIDATE; each prompt answers each question as scripted. */
function script(replies: { current: Record<string, string>; candidate: Record<string, string> }) {
  gemini.setHandler((call: GeminiCall) => {
    if (isJudgeCall(call)) return judgeAnswer(judgeRequest(call));
    if (call.body?.generationConfig?.responseMimeType === "application/json") {
      return { json: { optimized_prompt: CANDIDATE, rationale: "More precise." } };
    }
    const side = call.systemText.includes("CANDIDATE") ? replies.candidate : replies.current;
    return { text: side[call.userText] ?? "" };
  });
}

async function optimizedAgentWithSuite() {
  const agent = await createTestAgent(file.org, {
    optimizationStatus: "pending",
    systemPrompt: "Current prompt.",
  });
  expect((await putSuite(file.key, agent.publicId, { body: { cases: SUITE } })).status).toBe(200);
  return agent;
}

async function optimizedVersion(agentId: number) {
  const [v] = await db.select().from(agentPromptVersions).where(eq(agentPromptVersions.agentId, agentId));
  return v;
}

describe("evaluation gates optimization", () => {
  it("a better candidate is switched on, its version records the score", async () => {
    script({ current: { q1: "alpha", q2: "no" }, candidate: { q1: "alpha", q2: "beta" } });
    const agent = await optimizedAgentWithSuite();
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "succeeded" });
    const row = await readAgent(agent.id);
    expect(row.useOptimizedPrompt).toBe(true);
    expect(effectivePrompt(row)).toBe(CANDIDATE);
    expect(row.optimizationMetadata?.gate).toMatchObject({
      decision: "accepted",
      candidate_score: 1,
      current_score: 0.5,
    });
    expect(await optimizedVersion(agent.id)).toMatchObject({
      source: "optimized",
      evalScore: 1,
      evalPassed: true,
    });
    // 1 optimizer call + 2 runs × 2 cases × (answer + judge).
    expect(gemini.calls).toHaveLength(9);
    expect((await runRows(agent.publicId)).map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
  });

  it("a worse candidate is kept as rejected with its scorecard; the agent keeps its prompt", async () => {
    script({ current: { q1: "alpha", q2: "beta" }, candidate: { q1: "alpha", q2: "no" } });
    const agent = await optimizedAgentWithSuite();
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({
      status: "rejected",
      candidate: { score: 0.5 },
      current: { score: 1 },
    });
    const row = await readAgent(agent.id);
    expect(row.optimizedSystemPrompt).toBe(CANDIDATE);
    expect(row.useOptimizedPrompt).toBe(false);
    expect(effectivePrompt(row)).toBe("Current prompt.");
    expect(row.optimizationMetadata?.gate).toMatchObject({
      decision: "rejected",
      candidate_score: 0.5,
      current_score: 1,
    });
    expect(await optimizedVersion(agent.id)).toMatchObject({ evalScore: 0.5, evalPassed: true });
  });

  it("a candidate that breaks a must-not is rejected even when it scores as well", async () => {
    script({ current: { q1: "alpha", q2: "no" }, candidate: { q1: "alpha, and a refund", q2: "beta" } });
    const agent = await optimizedAgentWithSuite();
    const run = await runOptimizeLikeInngest(eventFor(agent));
    // q1 fails on the must-not; q2 scores: 0.5 vs the current 0.5.
    expect(run.result).toMatchObject({ status: "rejected", candidate: { score: 0.5, passed: false } });
    const row = await readAgent(agent.id);
    expect(effectivePrompt(row)).toBe("Current prompt.");
    expect(await optimizedVersion(agent.id)).toMatchObject({ evalPassed: false });
  });

  it("reuses the in-use prompt's score while its text and the suite are unchanged", async () => {
    script({ current: { q1: "alpha", q2: "beta" }, candidate: { q1: "alpha", q2: "no" } });
    const agent = await optimizedAgentWithSuite();
    await runOptimizeLikeInngest(eventFor(agent));
    const calls = gemini.calls.length;
    // A new request cycle for the same prompt version: only the candidate is evaluated again.
    const requestedAt = new Date();
    await db
      .update(agents)
      .set({ optimizationStatus: "pending", optimizationRequestedAt: requestedAt })
      .where(eq(agents.id, agent.id));
    const again = await runOptimizeLikeInngest(eventFor(await readAgent(agent.id)));
    expect(again.result).toMatchObject({ status: "rejected", current: { score: 1 } });
    expect(gemini.calls.length - calls).toBe(1 + 2 * 2);
  });

  it("without a suite nothing changes from today: switched on, no evaluation", async () => {
    script({ current: {}, candidate: {} });
    const agent = await createTestAgent(file.org, { optimizationStatus: "pending" });
    const run = await runOptimizeLikeInngest(eventFor(agent));
    expect(run.result).toMatchObject({ status: "succeeded" });
    expect(gemini.calls).toHaveLength(1);
    const row = await readAgent(agent.id);
    expect(effectivePrompt(row)).toBe(CANDIDATE);
    expect(row.optimizationMetadata?.gate).toBeUndefined();
    expect(await runRows(agent.publicId)).toHaveLength(0);
  });
});
