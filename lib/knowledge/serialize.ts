import type { SourceRow } from "@/db/queries/knowledge-sources";
import type { Passage } from "./retrieval/types";

// The public knowledge source and search passage objects. Internal ids never appear here.
export function toKnowledgeSourceResource(row: SourceRow) {
  return {
    object: "knowledge_source" as const,
    id: row.publicId,
    type: row.type,
    title: row.title,
    url: row.url,
    filename: row.filename,
    crawl: row.type === "url" ? row.crawl : null,
    status: row.status,
    error: row.error,
    progress: { done: row.progressDone, total: row.progressTotal },
    chunks: row.chunkCount,
    bytes: row.bytes,
    last_synced_at: row.lastSyncedAt?.toISOString() ?? null,
    sync: row.sync,
    created_at: row.createdAt.toISOString(),
  };
}

export function toPassageResource(p: Passage, rank: number) {
  return {
    object: "knowledge_passage" as const,
    rank,
    score: Math.round(p.score * 1e6) / 1e6,
    source: { id: p.sourceId, title: p.title, url: p.url },
    heading: p.heading,
    text: p.text,
    token_estimate: p.tokenEstimate,
  };
}
