import { describe, expect, it } from "vitest";
import { loadEvalSet, runRetrievalEval } from "@/bench/retrieval-eval";

// Acceptance 3: the shipped evaluation (at least 30 documents, 60 questions) reaches hit@5 ≥ 0.8.
describe("retrieval evaluation", () => {
  it("is big enough and every question names a document of the set", () => {
    const { docs, questions } = loadEvalSet();
    expect(docs.length).toBeGreaterThanOrEqual(30);
    expect(questions.length).toBeGreaterThanOrEqual(60);
    const names = new Set(docs.map((d) => d.name));
    expect(questions.filter((q) => !names.has(q.expected_source))).toEqual([]);
  });

  it("finds the expected document in the first five passages for at least 80 % of questions", async () => {
    const report = await runRetrievalEval();
    expect(report.hitAt5, JSON.stringify(report.misses, null, 1)).toBeGreaterThanOrEqual(0.8);
    expect(report.mrr).toBeGreaterThan(0.5);
  }, 60_000);
});
