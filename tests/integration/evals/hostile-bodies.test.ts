import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTestAgent } from "@/tests/fixtures";
import { evalOrgForFile, putSuite, runRows, startRun, suiteRows } from "@/tests/fixtures/evals";
import { bodyWith, expectRejected, timedCall } from "@/tests/fixtures/hostile";

// Promise 29 for the evaluation write routes: hostile JSON (deep, wide, __proto__ keys, NUL and
// lone surrogates) anywhere in the body is a 4xx within a second, and nothing is written.
const file = evalOrgForFile();
const json = { "content-type": "application/json" };
const CASE = '"input":"q","expectations":["e"]';

describe("hostile JSON bodies to the evaluation write routes", () => {
  it("PUT /api/v1/agents/{id}/eval-suite (1 MB bodies): 4xx within 1 s, no suite written", async () => {
    const agent = await createTestAgent(file.org);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          bodyWith("cases", ""),
          bodyWith("expectations", '"cases":[{"input":"q",').map((b) => `${b}]}`),
          bodyWith("must_not", `"cases":[{${CASE},`).map((b) => `${b}]}`),
        ),
        async (raw) => {
          const r = await timedCall(() =>
            putSuite(file.key, agent.publicId, { rawBody: raw, headers: json }),
          );
          expectRejected(r, raw.slice(0, 60));
        },
      ),
      { numRuns: 30 },
    );
    expect(await suiteRows(agent.publicId)).toHaveLength(0);
  });

  it("POST /api/v1/agents/{id}/eval-runs: 4xx within 1 s, no run started", async () => {
    const agent = await createTestAgent(file.org);
    await putSuite(file.key, agent.publicId, { body: { cases: [{ input: "q", expectations: ["e"] }] } });
    await fc.assert(
      fc.asyncProperty(bodyWith("version", ""), async (raw) => {
        const r = await timedCall(() => startRun(file.key, agent.publicId, { rawBody: raw, headers: json }));
        expectRejected(r, raw.slice(0, 60));
      }),
      { numRuns: 20 },
    );
    expect(await runRows(agent.publicId)).toHaveLength(0);
  });
});
