import { describe, expect, it } from "vitest";
import { evalRunResourceSchema } from "@/lib/openapi/resources-evals";
import { type GeminiCall, isJudgeCall } from "@/tests/fakes/gemini-server";
import { createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { evalOrgForFile, getRun, putSuite, runEvaluationLikeInngest, startRun } from "@/tests/fixtures/evals";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";

// The run-evaluation Inngest function on real Postgres; Gemini (answers and judge) is the fake
// server speaking the real wire protocol. The fake's judge marks an expectation met when the
// reply contains it, so the scripted replies below script the verdicts.
const gemini = fakeGeminiForEachTest({ GEMINI_TIMEOUT_MS: "3000" });
const file = evalOrgForFile();

const REPLIES: Record<string, string> = {
  q1: "alpha and beta",
  q2: "only alpha",
  q3: "nothing useful",
  q4: "alpha, beta",
  q5: "beta here",
};
const FIVE_CASES = Object.keys(REPLIES).map((q) => ({ id: q, input: q, expectations: ["alpha", "beta"] }));

/** Answers with the scripted reply for the case; the default judge does the rest. */
function scriptedAnswers(gem: typeof gemini, opts: { failOnceFor?: string } = {}) {
  let failed = false;
  gem.setHandler((call: GeminiCall) => {
    if (isJudgeCall(call)) return { json: judgeFor(call) };
    if (opts.failOnceFor === call.userText && !failed) {
      failed = true;
      return { status: 500, errorMessage: "backend exploded" };
    }
    return { text: REPLIES[call.userText] ?? "?" };
  });
}
function judgeFor(call: GeminiCall) {
  const req = JSON.parse(call.userText) as {
    reply: string;
    criteria: { id: string; kind: string; text: string }[];
  };
  return {
    verdicts: req.criteria.map((c) => {
      const found = req.reply.includes(c.text);
      return {
        id: c.id,
        satisfied: c.kind === "expectation" ? found : !found,
        reason: `checked "${c.text}"`,
      };
    }),
  };
}

async function agentWithSuite(cases: unknown[]) {
  const agent = await createTestAgent(file.org, { systemPrompt: "You answer for {company}." });
  const put = await putSuite(file.key, agent.publicId, { body: { cases } });
  expect(put.status).toBe(200);
  return agent;
}

describe("run-evaluation function", () => {
  it("a run over 5 cases with scripted verdicts gives the expected score, per-case verdicts and reasons", async () => {
    scriptedAnswers(gemini);
    const agent = await agentWithSuite(FIVE_CASES);
    const started = await startRun(file.key, agent.publicId);
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({
      status: "pending",
      progress: { done: 0, total: 5 },
      expected_gemini_calls: 10,
    });

    const run = await runEvaluationLikeInngest(file.org.id, started.json.id);
    expect(run.error).toBeUndefined();
    // alpha+beta, alpha, none, alpha+beta, beta: 6 of 10 expectations.
    expect(run.result).toMatchObject({ status: "succeeded", score: 0.6, passed: true });
    expect(gemini.calls).toHaveLength(10);
    // The case was answered with the filled prompt, as chat would send it.
    const answer = gemini.calls.find((c) => !isJudgeCall(c))!;
    expect(answer.systemText).toContain(`You answer for ${file.org.name}.`);

    const read = await getRun(file.key, agent.publicId, started.json.id);
    // The documented shapes parse the real responses.
    evalRunResourceSchema.parse(started.json);
    evalRunResourceSchema.parse(read.json);
    expect(read.json).toMatchObject({ status: "succeeded", progress: { done: 5, total: 5 } });
    expect(read.json.score).toBeCloseTo(0.6);
    expect(read.json.cases.map((c: { case_id: string }) => c.case_id)).toEqual([
      "q1",
      "q2",
      "q3",
      "q4",
      "q5",
    ]);
    expect(read.json.cases[1]).toMatchObject({
      reply: "only alpha",
      score: 0.5,
      passed: false,
      verdicts: [
        { kind: "expectation", text: "alpha", met: true, reason: 'checked "alpha"' },
        { kind: "expectation", text: "beta", met: false, reason: 'checked "beta"' },
      ],
    });
  });

  it("a broken must-not fails its case and the run", async () => {
    scriptedAnswers(gemini);
    const agent = await agentWithSuite([
      { id: "q1", input: "q1", expectations: ["alpha"], must_not: ["beta"] },
      { id: "q4", input: "q4", expectations: ["alpha"] },
    ]);
    const started = await startRun(file.key, agent.publicId);
    const run = await runEvaluationLikeInngest(file.org.id, started.json.id);
    expect(run.result).toMatchObject({ status: "succeeded", score: 0.5, passed: false });
    const read = await getRun(file.key, agent.publicId, started.json.id);
    expect(read.json.cases[0]).toMatchObject({ score: 0, passed: false });
  });

  it("a step that throws once is retried without re-answering finished cases", async () => {
    scriptedAnswers(gemini, { failOnceFor: "q3" });
    const agent = await agentWithSuite(FIVE_CASES);
    const started = await startRun(file.key, agent.publicId);
    const run = await runEvaluationLikeInngest(file.org.id, started.json.id);
    expect(run.attempts).toBe(2);
    expect(run.result).toMatchObject({ status: "succeeded", score: 0.6 });
    const answered = gemini.calls.filter((c) => !isJudgeCall(c)).map((c) => c.userText);
    // q3 twice (the failure, then the retry); every other case exactly once.
    expect(answered.sort()).toEqual(["q1", "q2", "q3", "q3", "q4", "q5"]);
    expect(gemini.calls.filter(isJudgeCall)).toHaveLength(5);
  });

  it("two runs for one agent at once: the second is 409", async () => {
    const agent = await agentWithSuite(FIVE_CASES);
    const [a, b] = await Promise.all([
      startRun(file.key, agent.publicId),
      startRun(file.key, agent.publicId),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    expect([a, b].find((r) => r.status === 409)!.json.code).toBe("eval_run_in_progress");
    // Once the first has finished, a new run may start.
    scriptedAnswers(gemini);
    const first = [a, b].find((r) => r.status === 202)!;
    await runEvaluationLikeInngest(file.org.id, first.json.id);
    expect((await startRun(file.key, agent.publicId)).status).toBe(202);
  });

  it("answers and judges on the plan's effective model: a stored model outside the plan falls back", async () => {
    scriptedAnswers(gemini);
    const free = await createTestOrg({ plan: "free" });
    const freeKey = (await createTestApiKey(free)).key;
    const cases = [{ id: "q1", input: "q1", expectations: ["alpha"] }];
    const stale = await createTestAgent(free, { config: { model: "gemini-2.5-pro" } });
    expect((await putSuite(freeKey, stale.publicId, { body: { cases } })).status).toBe(200);
    const run = await runEvaluationLikeInngest(free.id, (await startRun(freeKey, stale.publicId)).json.id);
    expect(run.error).toBeUndefined();
    expect(gemini.calls.map((c) => c.model)).toEqual(["gemini-2.5-flash", "gemini-2.5-flash"]);

    // On a plan that includes it, the stored model is used for both calls.
    const allowed = await createTestAgent(file.org, { config: { model: "gemini-2.5-pro" } });
    expect((await putSuite(file.key, allowed.publicId, { body: { cases } })).status).toBe(200);
    await runEvaluationLikeInngest(file.org.id, (await startRun(file.key, allowed.publicId)).json.id);
    expect(gemini.calls.slice(2).map((c) => c.model)).toEqual(["gemini-2.5-pro", "gemini-2.5-pro"]);
  });
});
