import { type DocumentResult, finishSync, ingestDocument, planSync } from "./steps";

/**
 * One sync of a source run in this process, the same steps the Inngest function runs, one after
 * the other. For work that must be searchable before any job server is reachable (the demo seed of
 * a first start); requests go through the function, which retries and reports progress.
 */
export async function syncSourceNow(sourcePublicId: string) {
  const plan = await planSync(sourcePublicId);
  if (!plan) return { status: "ignored" as const };
  const results: DocumentResult[] = [];
  for (let i = 0; i < plan.documents.length; i++) results.push(await ingestDocument(plan, i));
  return finishSync(plan, results);
}
