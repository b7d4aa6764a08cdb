import { type ExtractedBlock, ExtractionError, type ExtractLimits } from "./types";

// Checks on extracted text, shared by every kind: one giant line (minified dumps, base64, a
// 10 MB single line) or too much text in all is refused with the limit named.

export function checkText(text: string, limits: ExtractLimits): void {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    if (end - start > limits.maxLineChars) {
      throw new ExtractionError(
        `A line of the document is longer than ${limits.maxLineChars.toLocaleString("en-US")} characters.`,
      );
    }
    start = end + 1;
  }
  if (text.length > limits.maxTotalChars) {
    throw new ExtractionError(
      `The document has more than ${limits.maxTotalChars.toLocaleString("en-US")} characters of text.`,
    );
  }
}

export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Throws once the extraction has run past its time limit (between steps of in-process work). */
export function deadlineCheck(startedAt: number, limits: ExtractLimits): () => void {
  return () => {
    if (Date.now() - startedAt > limits.timeMs) {
      throw new ExtractionError(`Extraction took longer than ${duration(limits.timeMs)}.`);
    }
  };
}

export function normalizeSpace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\f\v\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Drops empty blocks and fails when nothing readable is left. */
export function finish(title: string, blocks: ExtractedBlock[], limits: ExtractLimits) {
  const kept = blocks
    .map((b) => ({ heading: b.heading?.trim() || null, text: normalizeSpace(b.text) }))
    .filter((b) => b.text.length > 0);
  if (kept.length === 0) throw new ExtractionError("The document contains no readable text.");
  checkText(kept.map((b) => b.text).join("\n"), limits);
  return { title: title.trim().slice(0, 300) || "Untitled", blocks: kept };
}

export function decodeUtf8(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function titleFromName(filename?: string, url?: string): string {
  if (filename) return filename.replace(/\.[a-z0-9]{1,5}$/i, "").replace(/[_-]+/g, " ");
  if (url && URL.canParse(url)) {
    const u = new URL(url);
    const last = u.pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last).replace(/\.[a-z0-9]{1,5}$/i, "") : u.hostname;
  }
  return "Untitled";
}
