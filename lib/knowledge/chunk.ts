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
  // Room for the carried overlap and a paragraph break in every chunk.
  const pieceMax = target - overlap - 1;
  const chunks: Chunk[] = [];
  let heading: string | null = null; // of the chunk being built
  let sectionHeading: string | null = null; // of the section being read
  let text = "";
  let fresh = false; // whether `text` holds more than the overlap carried from the last chunk
  const emit = () => {
    const body = text.trim();
    if (fresh && body)
      chunks.push({ ordinal: chunks.length, heading, text: body, tokenEstimate: estimateTokens(body) });
    text = "";
    fresh = false;
    heading = sectionHeading;
  };
  const append = (piece: string, sep: string) => {
    text = text ? `${text}${sep}${piece}` : piece;
  };
  for (const section of sections(doc)) {
    sectionHeading = section.heading;
    if (fresh && estimateTokens(text) < target / 4) {
      // Too small to stand alone: the next section joins it, its heading kept as a line.
      if (section.heading) append(section.heading, "\n\n");
    } else emit();
    let sep = "\n\n";
    for (const paragraph of section.paragraphs) {
      for (const piece of pieces(paragraph, pieceMax)) {
        if (fresh && estimateTokens(`${text}${sep}${piece}`) > target) {
          const carried = tail(text, overlap);
          emit();
          text = carried;
        }
        append(piece, sep);
        fresh = true;
        sep = " ";
      }
      sep = "\n\n";
    }
  }
  emit();
  return chunks;
}
