import { createHash } from "node:crypto";
import { NonRetriableError } from "inngest";
import { db } from "@/db";
import {
  beginSourceSync,
  type ChunkToStore,
  failSourceSync,
  finishSourceSync,
  loadSourcePayload,
  type SyncTarget,
  setSourceProgressTotal,
  storeDocumentChunks,
} from "@/db/queries/knowledge-ingest";
import { knowledgeSyncRequestedSchema } from "@/lib/inngest/events";
import { onFailureOf } from "@/lib/inngest/on-failure";
import { chunkDocument } from "@/lib/knowledge/chunk";
import { detectKind, type ExtractInput, ExtractionError, extractDocument } from "@/lib/knowledge/extract";
import { discoverSitemapUrls, FetchError, fetchPage } from "@/lib/knowledge/fetch";
import { INGEST_EXTRACT_LIMITS, ingestFetchLimits } from "./limits";

// The work of one sync, step by step (lib/knowledge/ingest/function.ts orchestrates). Steps hand
// each other small JSON: the plan (ids, the page URLs) and per-document counts; chunks go to the
// database under the sync's generation, never through step output.

/** Ordinals of document i are [i × stride, (i + 1) × stride): a retried document replaces its own. */
const ORDINAL_STRIDE = 100_000;

export type SyncPlan = Pick<
  SyncTarget,
  | "id"
  | "public_id"
  | "organization_id"
  | "pack_id"
  | "type"
  | "title"
  | "filename"
  | "mime"
  | "generation"
  | "language"
> & { documents: string[] };

export type DocumentResult = { chunks: number; bytes: number; hash: string } | { failed: string };

/** Marks the source processing and lists its documents (one, or the sitemap's pages). */
export async function planSync(sourcePublicId: string): Promise<SyncPlan | null> {
  const target = await beginSourceSync(db, sourcePublicId);
  if (!target) return null;
  try {
    return await listDocuments(target);
  } catch (e) {
    const reason = permanentReason(e);
    if (reason) await failPermanently(sourcePublicId, reason);
    throw e;
  }
}

async function listDocuments(target: SyncTarget): Promise<SyncPlan> {
  let documents = ["payload"];
  if (target.type === "url" && target.url) {
    documents =
      target.crawl === "sitemap"
        ? (await discoverSitemapUrls(target.url!, ingestFetchLimits())).urls
        : [target.url];
    if (documents.length === 0) throw new ExtractionError("The sitemap lists no pages of this site.");
  }
  await setSourceProgressTotal(db, target.id, documents.length);
  const { url: _url, crawl: _crawl, ...rest } = target;
  return { ...rest, documents };
}

/** Fetch (or load) → extract → chunk → stage one document's chunks. */
export async function ingestDocument(plan: SyncPlan, index: number): Promise<DocumentResult> {
  const many = plan.documents.length > 1;
  try {
    const { input, bytes } = await loadDocument(plan, plan.documents[index]!);
    const doc = await extractDocument(input, INGEST_EXTRACT_LIMITS);
    const title = doc.title?.trim() || null;
    const chunks: ChunkToStore[] = chunkDocument(doc, {}).map((c) => ({
      ordinal: index * ORDINAL_STRIDE + c.ordinal,
      heading: c.heading,
      text: c.text,
      tokenEstimate: c.tokenEstimate,
      title: plan.type === "url" ? (title ?? input.url ?? null) : null,
      url: input.url ?? null,
    }));
    if (chunks.length >= ORDINAL_STRIDE) throw new ExtractionError("This document has too many passages.");
    const target = {
      sourceId: plan.id,
      packId: plan.pack_id,
      organizationId: plan.organization_id,
      generation: plan.generation,
      language: plan.language,
    };
    const range = { from: index * ORDINAL_STRIDE, to: (index + 1) * ORDINAL_STRIDE };
    await db.transaction((tx) => storeDocumentChunks(tx, target, range, chunks));
    const hash = createHash("sha256").update(bytes).digest("hex");
    return { chunks: chunks.length, bytes: bytes.byteLength, hash };
  } catch (e) {
    const reason = permanentReason(e);
    // One bad page of a site does not fail the site; a single document's reason is the source's.
    if (reason && many) return { failed: reason };
    if (reason) await failPermanently(plan.public_id, reason);
    throw e;
  }
}

async function loadDocument(
  plan: SyncPlan,
  document: string,
): Promise<{ input: ExtractInput; bytes: Uint8Array }> {
  if (plan.type === "url") {
    const page = await fetchPage(document, ingestFetchLimits());
    const kind = detectKind(null, page.contentType, page.bytes);
    if (!kind)
      throw new ExtractionError(`The page is ${page.contentType || "of an unknown type"}, not a document.`);
    return { input: { kind, bytes: page.bytes, url: page.url }, bytes: page.bytes };
  }
  const bytes = await loadSourcePayload(db, plan.id);
  if (!bytes) throw new ExtractionError("The uploaded content is missing; upload it again.");
  const view = new Uint8Array(bytes);
  const kind = plan.type === "text" ? "text" : detectKind(plan.filename, plan.mime, view);
  if (!kind) throw new ExtractionError("This file type cannot be read.");
  return { input: { kind, bytes: view, filename: plan.filename ?? undefined }, bytes: view };
}

/** Switches to the new chunks; a site where every page failed fails with the first reason. */
export async function finishSync(plan: SyncPlan, results: DocumentResult[]) {
  const done = results.filter((r): r is Exclude<DocumentResult, { failed: string }> => !("failed" in r));
  if (done.length === 0) {
    const first = results.find((r): r is { failed: string } => "failed" in r);
    await failSourceSync(db, plan.public_id, first?.failed ?? "Nothing could be read.");
    return { status: "failed" as const, chunks: 0 };
  }
  const hash = createHash("sha256");
  for (const r of done) hash.update(r.hash);
  const chunks = await db.transaction((tx) =>
    finishSourceSync(tx, plan.id, plan.generation, {
      contentHash: hash.digest("hex"),
      bytes: done.reduce((n, r) => n + r.bytes, 0),
    }),
  );
  return { status: "ready" as const, chunks: chunks ?? 0, failed_pages: results.length - done.length };
}

export async function failSync(sourcePublicId: string, reason: string) {
  return failSourceSync(db, sourcePublicId, reason);
}

/** Marks the sync failed with the error (only a sync the function has not ended). */
export const onIngestFailure = onFailureOf(knowledgeSyncRequestedSchema, async (data, error) => {
  const changed = await failSync(data.source_public_id, error.message || "Ingestion failed.");
  return { status: changed ? "failed" : "ignored" };
});

/** A reason the visitor's admin can act on, for errors a retry would not change. */
function permanentReason(e: unknown): string | undefined {
  if (e instanceof NonRetriableError) return e.message;
  if (e instanceof ExtractionError) return e.message;
  // A page that never finishes would do so again on every retry (and Inngest's backoff would
  // keep the source processing for minutes): its timeout fails the source at once.
  if (e instanceof FetchError && (e.permanent || e.timedOut)) return e.message;
  return undefined;
}

/** A reason a retry would not change: the source fails with it now, and the run ends. */
async function failPermanently(sourcePublicId: string, reason: string): Promise<never> {
  await failSourceSync(db, sourcePublicId, reason);
  throw new NonRetriableError(reason);
}
