import type { ExtractedDoc } from "./extract/types";

// Chunks for retrieval: a few hundred tokens each, following the document's sections (a chunk
// never mixes two headings unless the first is too small to stand alone) and its paragraphs;
// a paragraph too long for one chunk is split at sentence ends, a sentence too long at words.
// Consecutive chunks of one section share about `overlapTokens` of text, so a passage cut at
// a chunk edge is still found whole in one of them.

export type Chunk = { ordinal: number; heading: string | null; text: string; tokenEstimate: number };
export type ChunkOptions = { targetTokens?: number; overlapTokens?: number };

export const CHUNK_DEFAULTS = { targetTokens: 300, overlapTokens: 50 };

/** About four characters per token for English text (what Gemini's tokenizer averages). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const SENTENCE_END = /(?<=[.!?。！？])\s+(?=\S)/u;

/** A piece no longer than `max` tokens: sentences, then words, then (for one giant word) characters. */
function pieces(paragraph: string, max: number): string[] {
  if (estimateTokens(paragraph) <= max) return [paragraph];
  const out: string[] = [];
  for (const sentence of paragraph.split(SENTENCE_END)) {
    if (estimateTokens(sentence) <= max) {
      out.push(sentence);
      continue;
    }
    let current = "";
    for (const word of sentence.split(/\s+/)) {
      for (let i = 0; i < word.length; i += max * 4) {
        const part = word.slice(i, i + max * 4);
        const joined = current ? `${current} ${part}` : part;
        if (estimateTokens(joined) > max && current) {
          out.push(current);
          current = part;
        } else current = joined;
      }
    }
    if (current) out.push(current);
  }
  return out;
}

/** The last words of a chunk, about `tokens` long, to open the next one with. */
function tail(text: string, tokens: number): string {
  if (tokens <= 0) return "";
  const words = text.split(/\s+/);
  const kept: string[] = [];
  let chars = 0;
  for (let i = words.length - 1; i >= 0 && chars < tokens * 4; i--) {
    const w = words[i]!;
    if (chars + w.length > tokens * 4 && kept.length > 0) break;
    kept.unshift(w.slice(-tokens * 4));
    chars += w.length + 1;
  }
  return kept.join(" ");
}

type Section = { heading: string | null; paragraphs: string[] };

function sections(doc: ExtractedDoc): Section[] {
  const out: Section[] = [];
  for (const block of doc.blocks) {
    const paragraphs = block.text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (paragraphs.length === 0) continue;
    const last = out.at(-1);
    if (last && last.heading === block.heading) last.paragraphs.push(...paragraphs);
    else out.push({ heading: block.heading, paragraphs });
  }
  return out;
}

export function chunkDocument(doc: ExtractedDoc, options: ChunkOptions = {}): Chunk[] {
  const target = Math.max(20, options.targetTokens ?? CHUNK_DEFAULTS.targetTokens);
  const overlap = Math.min(
    Math.max(0, options.overlapTokens ?? CHUNK_DEFAULTS.overlapTokens),
    Math.floor(target / 2),
  );
  const chunks: Chunk[] = [];
  let heading: string | null = null;
  let parts: string[] = [];
  let fresh = false; // whether `parts` holds more than the overlap carried from the last chunk
  const emit = () => {
    const text = parts.join("\n\n").trim();
    if (fresh && text)
      chunks.push({ ordinal: chunks.length, heading, text, tokenEstimate: estimateTokens(text) });
    parts = [];
    fresh = false;
  };
  const size = () => estimateTokens(parts.join("\n\n"));
  for (const section of sections(doc)) {
    const small = fresh && size() < target / 4;
    if (small && section.heading) parts.push(section.heading);
    else {
      emit();
      heading = section.heading;
    }
    for (const paragraph of section.paragraphs) {
      for (const piece of pieces(paragraph, target - overlap)) {
        if (fresh && estimateTokens([...parts, piece].join("\n\n")) > target) {
          const carried = tail(parts.join(" "), overlap);
          emit();
          if (carried) parts.push(carried);
        }
        parts.push(piece);
        fresh = true;
      }
    }
  }
  emit();
  return chunks;
}
