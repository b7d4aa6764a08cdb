// Retrieval behind one interface. Today: Postgres full text search (works on the embedded
// default). Embeddings would plug in as a second Retriever (pgvector on a managed Postgres, Gemini
// embeddings per chunk at index time); a merging Retriever would run both and combine their
// rankings by reciprocal rank fusion (score = Σ 1 / (60 + rank)), then apply the same per-source
// cap and token budget as below.

export type RetrievalQuery = {
  packId: number;
  question: string;
  /** The visitor's previous message: a follow-up ("and for Canada?") borrows its terms. */
  previousUserTurn?: string;
  /** Passages at most (default 6). */
  limit?: number;
  /** Token budget of all passages together (default 3,000). */
  tokenBudget?: number;
};

export type Passage = {
  sourceId: string;
  /** The source's title, or the page's for a crawled site. */
  title: string;
  url: string | null;
  heading: string | null;
  text: string;
  tokenEstimate: number;
  score: number;
};

export interface Retriever {
  retrieve(query: RetrievalQuery): Promise<Passage[]>;
}

export const DEFAULT_TOP_K = 6;
export const MAX_CHUNKS_PER_SOURCE = 3;
export const CONTEXT_TOKEN_BUDGET = 3000;
