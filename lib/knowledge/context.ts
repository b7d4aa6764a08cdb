import { defaultRetriever } from "./retrieval/postgres";
import type { Passage, Retriever } from "./retrieval/types";

// What a chat turn knows: the passages of the agent's pack retrieved for this question (and the
// previous user turn), within the context budget whatever the pack's size, and the citations the
// widget shows and the message stores.

export type KnowledgePassage = Pick<Passage, "sourceId" | "title" | "url" | "heading" | "text">;
export type Citation = { source_id: string; title: string; url: string | null; snippet: string };

const SNIPPET_CHARS = 200;

export async function retrieveForTurn(
  pack: { id: number } | null,
  message: string,
  history: readonly { role: "user" | "assistant"; content: string }[],
  retriever: Retriever = defaultRetriever,
): Promise<Passage[]> {
  if (!pack) return [];
  const previousUserTurn = history.findLast((t) => t.role === "user")?.content;
  return retriever.retrieve({ packId: pack.id, question: message, previousUserTurn });
}

/** The prompt's knowledge part: numbered passages with their source, or a plain "nothing found". */
export function knowledgeSection(packName: string, passages: readonly KnowledgePassage[]): string {
  if (passages.length === 0) {
    return `No passage of the knowledge pack "${packName}" matches this question. If you cannot answer without it, say that you do not know.`;
  }
  const body = passages
    .map((p, i) => `[${i + 1}] ${p.title}${p.heading ? ` — ${p.heading}` : ""}\n${p.text}`)
    .join("\n\n");
  return `Answer from these passages of the knowledge pack "${packName}". If they do not cover the question, say so.\n<knowledge>\n${body}\n</knowledge>`;
}

/** One citation per source, in the order of its best passage. */
export function citationsOf(passages: readonly KnowledgePassage[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const p of passages) {
    if (seen.has(p.sourceId)) continue;
    const flat = p.text.replace(/\s+/g, " ").trim();
    seen.set(p.sourceId, {
      source_id: p.sourceId,
      title: p.title,
      url: p.url,
      snippet: flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS - 1)}…` : flat,
    });
  }
  return [...seen.values()];
}
