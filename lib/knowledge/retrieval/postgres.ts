import { db, type Executor } from "@/db";
import { searchPackChunks } from "@/db/queries/knowledge-search";
import {
  CONTEXT_TOKEN_BUDGET,
  DEFAULT_TOP_K,
  MAX_CHUNKS_PER_SOURCE,
  type Passage,
  type RetrievalQuery,
  type Retriever,
} from "./types";

const MAX_TERMS = 48;

/**
 * The question's words (and the previous turn's) as an OR query: websearch_to_tsquery ANDs bare
 * words, and a visitor's question rarely shares every word with the passage that answers it.
 * Ranking (cover density) still puts passages holding more of the words first.
 */
export function searchTerms(question: string, previousUserTurn?: string): string {
  const words = `${question} ${previousUserTurn ?? ""}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words.filter((w) => w !== "or"))].slice(0, MAX_TERMS);
  return unique.join(" or ");
}

/** Best first, skipping what would overflow the token budget, up to `limit`. */
export function fitToBudget<T extends { tokenEstimate: number }>(
  hits: T[],
  limit: number,
  budget: number,
): T[] {
  const out: T[] = [];
  let used = 0;
  for (const h of hits) {
    if (out.length >= limit) break;
    if (used + h.tokenEstimate > budget) continue;
    used += h.tokenEstimate;
    out.push(h);
  }
  return out;
}

export class PostgresFullTextRetriever implements Retriever {
  constructor(private readonly executor: Executor = db) {}

  async retrieve(query: RetrievalQuery): Promise<Passage[]> {
    const terms = searchTerms(query.question, query.previousUserTurn);
    if (!terms) return [];
    const limit = query.limit ?? DEFAULT_TOP_K;
    const hits = await searchPackChunks(this.executor, {
      packId: query.packId,
      terms,
      perSource: MAX_CHUNKS_PER_SOURCE,
      // A few spare candidates so that one oversized chunk does not leave the budget unused.
      limit: limit * 2,
    });
    return fitToBudget(hits, limit, query.tokenBudget ?? CONTEXT_TOKEN_BUDGET).map((h) => ({
      sourceId: h.sourcePublicId,
      title: h.title ?? h.sourceTitle,
      url: h.url ?? h.sourceUrl,
      heading: h.heading,
      text: h.text,
      tokenEstimate: h.tokenEstimate,
      score: h.score,
    }));
  }
}

export const defaultRetriever: Retriever = new PostgresFullTextRetriever();
