import { type DocumentResult, finishSync, ingestDocument, planSync } from "./steps";

/**
 * Runs one named step of a sync and hands back its output: Inngest's `step.run` (each step
 * retried on its own, its output kept) or, in this process, the call itself. Steps hand each
 * other only small JSON (steps.ts), so both give the next step the same value.
 */
export type RunStep = <T>(id: string, work: () => Promise<T>) => Promise<T>;

/** One sync of a source: plan → one step per document → index (the order steps.ts describes). */
export async function runSync(sourcePublicId: string, run: RunStep) {
  const plan = await run("plan", () => planSync(sourcePublicId));
  if (!plan) return { status: "ignored" as const, reason: "source deleted" };
  const results: DocumentResult[] = [];
  for (let i = 0; i < plan.documents.length; i++) {
    results.push(await run(`document-${i}`, () => ingestDocument(plan, i)));
  }
  return run("index", () => finishSync(plan, results));
}

/**
 * The same sync run in this process, step after step: for work that must be searchable before
 * any job server is reachable (the demo seed of a first start). Requests go through the Inngest
 * function, which retries each step and reports progress.
 */
export function syncSourceNow(sourcePublicId: string) {
  return runSync(sourcePublicId, (_id, work) => work());
}
