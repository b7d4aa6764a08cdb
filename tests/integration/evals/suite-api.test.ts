import { beforeAll, describe, expect, it } from "vitest";
import { evalSuiteResourceSchema } from "@/lib/openapi/resources-evals";
import { createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { apiTestOrg } from "@/tests/fixtures/api-org";
import { getSuite, putSuite, startRun, suiteRows } from "@/tests/fixtures/evals";

// GET|PUT /api/v1/agents/{id}/eval-suite and the write-side garbage of POST …/eval-runs.
const api = apiTestOrg("pro");
let readKey: string;

beforeAll(async () => {
  readKey = (await createTestApiKey(api.org, { scopes: ["agents:read"] })).key;
});

const goodCase = { input: "What is your return window?", expectations: ["30-day"], must_not: ["refund"] };
const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

describe("eval suite API", () => {
  it("an agent without a suite reads as empty; PUT replaces it whole, each time a new revision", async () => {
    const agent = await createTestAgent(api.org);
    const empty = await getSuite(readKey, agent.publicId);
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ object: "eval_suite", id: null, revision: 0, cases: [] });

    const put = await putSuite(api.key, agent.publicId, {
      body: {
        cases: [
          { ...goodCase, id: "returns" },
          { input: "Hi", expectations: ["greets"] },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.json.revision).toBe(1);
    evalSuiteResourceSchema.parse(put.json);
    evalSuiteResourceSchema.parse(empty.json);
    expect(put.json.cases[0]).toEqual({ ...goodCase, id: "returns" });
    expect(put.json.cases[1]).toMatchObject({ input: "Hi", expectations: ["greets"], must_not: [] });
    expect(put.json.cases[1].id).toMatch(/^[0-9a-f]{8}$/);

    const again = await putSuite(api.key, agent.publicId, { body: { cases: [goodCase] } });
    expect(again.json.revision).toBe(2);
    expect(again.json.id).toBe(put.json.id);
    const read = await getSuite(readKey, agent.publicId);
    expect(read.json.cases).toHaveLength(1);
    expect(Number(read.headers.get("x-statement-count"))).toBeLessThanOrEqual(4);
  });

  it("scopes and ownership: a read key cannot PUT, another org's agent is 404", async () => {
    const agent = await createTestAgent(api.org);
    expect((await putSuite(readKey, agent.publicId, { body: { cases: [goodCase] } })).status).toBe(403);
    const other = await createTestAgent(await createTestOrg());
    expect((await getSuite(api.key, other.publicId)).status).toBe(404);
    expect((await putSuite(api.key, other.publicId, { body: { cases: [goodCase] } })).status).toBe(404);
    expect(await suiteRows(other.publicId)).toHaveLength(0);
  });

  it("garbage suites get a clear error and write nothing", async () => {
    const agent = await createTestAgent(api.org);
    const json = { "content-type": "application/json" };
    const cases: (Parameters<typeof putSuite>[2] & { status: number })[] = [
      { rawBody: "{not json", headers: json, status: 400 },
      { rawBody: "cases=1", headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415 },
      { rawBody: deep(5_000), headers: json, status: 422 },
      { body: [], status: 422 },
      { body: {}, status: 422 },
      { body: { cases: [] }, status: 422 },
      { body: { cases: Array.from({ length: 201 }, () => goodCase) }, status: 422 },
      { body: { cases: [{ ...goodCase, expectations: [] }] }, status: 422 },
      { body: { cases: [{ ...goodCase, expectations: Array(11).fill("x") }] }, status: 422 },
      { body: { cases: [{ ...goodCase, input: "" }] }, status: 422 },
      { body: { cases: [{ ...goodCase, input: "x".repeat(2_001) }] }, status: 422 },
      { body: { cases: [{ ...goodCase, input: "nul\u0000" }] }, status: 422 },
      { body: { cases: [{ ...goodCase, must_not: [{ deep: true }] }] }, status: 422 },
      {
        body: {
          cases: [
            { ...goodCase, id: "a" },
            { ...goodCase, id: "a" },
          ],
        },
        status: 422,
      },
      { body: { cases: [{ ...goodCase, id: "no spaces" }] }, status: 422 },
      { body: { cases: [{ ...goodCase, extra: 1 }] }, status: 422 },
      { body: { cases: [goodCase], admin: true }, status: 422 },
      {
        rawBody: JSON.stringify({ cases: [{ ...goodCase, input: "x".repeat(1_100_000) }] }),
        headers: json,
        status: 413,
      },
    ];
    for (const c of cases) {
      const res = await putSuite(api.key, agent.publicId, c);
      expect(res.status, JSON.stringify(c).slice(0, 80)).toBe(c.status);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
    expect(await suiteRows(agent.publicId)).toHaveLength(0);
  });

  it("garbage run requests get a clear error and start nothing; no suite is a 422 on `suite`", async () => {
    const agent = await createTestAgent(api.org);
    const json = { "content-type": "application/json" };
    for (const c of [
      { rawBody: "{", headers: json, status: 400 },
      { rawBody: deep(5_000), headers: json, status: 422 },
      { body: { version: "1" }, status: 422 },
      { body: { version: 0 }, status: 422 },
      { body: { version: 1.5 }, status: 422 },
      { body: { other: 1 }, status: 422 },
    ]) {
      const res = await startRun(api.key, agent.publicId, c);
      expect(res.status, JSON.stringify(c).slice(0, 80)).toBe(c.status);
    }
    const noSuite = await startRun(api.key, agent.publicId);
    expect(noSuite.status).toBe(422);
    expect(noSuite.json.errors).toEqual([expect.objectContaining({ path: "suite" })]);
    await putSuite(api.key, agent.publicId, { body: { cases: [goodCase] } });
    expect((await startRun(api.key, agent.publicId, { body: { version: 99 } })).status).toBe(404);
  });
});
