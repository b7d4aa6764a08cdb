import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { insertSourceWithPayload } from "@/db/queries/knowledge-sources";
import { knowledgePacks, organizations } from "@/db/schema";
import { finishSync, ingestDocument, planSync } from "@/lib/knowledge/ingest/steps";
import { PostgresFullTextRetriever } from "@/lib/knowledge/retrieval/postgres";

// The retrieval evaluation: short documents of an invented company and questions that each name
// the document that answers them. Each document is ingested through the real steps (extract,
// chunk, index), each question asked through the real retriever; hit@5 is the share of questions
// whose expected document is among the first five passages, MRR the mean of 1 / its rank.
export const EVAL_DIR = path.join(process.cwd(), "tests/fixtures/retrieval-eval");

/** `expected_source` is the file name of the document that answers it. */
export type EvalQuestion = { question: string; expected_source: string; previous?: string };
export type EvalReport = {
  documents: number;
  questions: number;
  hitAt5: number;
  mrr: number;
  misses: { q: string; expected: string; got: string[] }[];
};

export function loadEvalSet() {
  const docsDir = path.join(EVAL_DIR, "docs");
  const docs = readdirSync(docsDir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({ name: f, filename: f, text: readFileSync(path.join(docsDir, f), "utf8") }));
  const questions = JSON.parse(readFileSync(path.join(EVAL_DIR, "questions.json"), "utf8")) as EvalQuestion[];
  return { docs, questions };
}

async function ingestInline(sourcePublicId: string) {
  const plan = await planSync(sourcePublicId);
  if (!plan) throw new Error("source vanished");
  const results = [];
  for (let i = 0; i < plan.documents.length; i++) results.push(await ingestDocument(plan, i));
  return finishSync(plan, results);
}

export async function runRetrievalEval(): Promise<EvalReport> {
  const { docs, questions } = loadEvalSet();
  const slug = `retrieval-eval-${Date.now().toString(36)}`;
  const [org] = await db.insert(organizations).values({ slug, name: "Retrieval eval" }).returning();
  try {
    const [pack] = await db
      .insert(knowledgePacks)
      .values({ organizationId: org!.id, name: "Eval", language: "english" })
      .returning();
    const sourceIdByName = new Map<string, string>();
    for (const d of docs) {
      const bytes = Buffer.from(d.text, "utf8");
      const row = await insertSourceWithPayload(
        db,
        {
          organizationId: org!.id,
          packId: pack!.id,
          type: "file",
          title: d.name,
          filename: d.filename,
          mime: "text/markdown",
          bytes: bytes.byteLength,
        },
        bytes,
      );
      const done = await ingestInline(row.publicId);
      if (done.status !== "ready") throw new Error(`${d.filename} did not ingest`);
      sourceIdByName.set(d.name, row.publicId);
    }
    const nameBySourceId = new Map([...sourceIdByName].map(([n, id]) => [id, n]));
    const retriever = new PostgresFullTextRetriever(db);
    let hits = 0;
    let reciprocal = 0;
    const misses: EvalReport["misses"] = [];
    for (const question of questions) {
      const expected = question.expected_source;
      if (!sourceIdByName.has(expected)) throw new Error(`unknown source ${expected}`);
      const passages = await retriever.retrieve({
        packId: pack!.id,
        question: question.question,
        previousUserTurn: question.previous,
        limit: 5,
      });
      const ranked = passages.map((p) => nameBySourceId.get(p.sourceId) ?? "?");
      const rank = ranked.indexOf(expected) + 1;
      if (rank > 0) {
        hits++;
        reciprocal += 1 / rank;
      } else misses.push({ q: question.question, expected, got: [...new Set(ranked)] });
    }
    return {
      documents: docs.length,
      questions: questions.length,
      hitAt5: hits / questions.length,
      mrr: reciprocal / questions.length,
      misses,
    };
  } finally {
    await db.delete(organizations).where(eq(organizations.id, org!.id));
  }
}
