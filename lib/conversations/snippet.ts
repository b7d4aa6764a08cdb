import { SNIPPET_START, SNIPPET_STOP } from "@/db/queries/conversation-read";

// Message content is visitor text and ts_headline does not escape it. The API gets escaped HTML
// with <mark>; the dashboard renders the parts as React text nodes. One parser for both.

export type SnippetPart = { text: string; match: boolean };

export function snippetParts(raw: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, chunk] of raw.split(SNIPPET_START).entries()) {
    const stop = chunk.indexOf(SNIPPET_STOP);
    // Every chunk but the first follows a start marker.
    if (i > 0 && stop >= 0) {
      if (stop > 0) parts.push({ text: chunk.slice(0, stop), match: true });
      const rest = chunk.slice(stop + 1).replaceAll(SNIPPET_STOP, "");
      if (rest) parts.push({ text: rest, match: false });
    } else if (chunk) {
      parts.push({ text: chunk.replaceAll(SNIPPET_STOP, ""), match: false });
    }
  }
  return parts;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export function snippetHtml(raw: string): string {
  return snippetParts(raw)
    .map((p) => (p.match ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text)))
    .join("");
}
