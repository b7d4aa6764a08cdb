// The shapes every extractor answers in, and the limits that keep one hostile file from
// taking the server with it. Reasons in ExtractionError are shown on the source to the org,
// so they are short, name the limit, and never carry file content.

export type ExtractKind = "text" | "markdown" | "html" | "pdf" | "docx";

export type ExtractInput = { kind: ExtractKind; bytes: Uint8Array; filename?: string; url?: string };

export type ExtractedBlock = { heading: string | null; text: string };

export type ExtractedDoc = { title: string; blocks: ExtractedBlock[] };

export type ExtractLimits = {
  /** The input itself (an upload or a fetched page). */
  maxBytes: number;
  /** PDF pages; a document with more is refused before any page is read. */
  maxPages: number;
  /** DOCX: the sum of every zip entry's uncompressed size, declared and actual. */
  maxUncompressedBytes: number;
  /** DOCX: uncompressed/compressed size of one large entry (zip bombs compress ≥ 1000:1). */
  maxCompressionRatio: number;
  /** One line of extracted text. */
  maxLineChars: number;
  /** All extracted text of the document. */
  maxTotalChars: number;
  /** Wall-clock time for one extraction. */
  timeMs: number;
  /** Heap of the worker that parses PDF and DOCX. */
  workerHeapMb: number;
};

export const EXTRACT_LIMITS: ExtractLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPages: 2_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxLineChars: 100_000,
  maxTotalChars: 5_000_000,
  timeMs: 20_000,
  workerHeapMb: 192,
};

export class ExtractionError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ExtractionError";
  }
}

export function withLimits(limits?: Partial<ExtractLimits>): ExtractLimits {
  return { ...EXTRACT_LIMITS, ...limits };
}
