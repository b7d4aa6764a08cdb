import type { ExtractKind } from "./types";

// Which extractor a file goes to, from its bytes first (a PDF named .txt is still a PDF) and
// then its name and declared type. Anything else is null: the route answers 415. Text kinds
// must look like text (no NUL in the first 8 KB) so a binary renamed .md is refused too.

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const BY_EXTENSION: Record<string, ExtractKind> = {
  pdf: "pdf",
  docx: "docx",
  md: "markdown",
  markdown: "markdown",
  mdown: "markdown",
  html: "html",
  htm: "html",
  xhtml: "html",
  txt: "text",
  text: "text",
};

const BY_MIME: Record<string, ExtractKind> = {
  "application/pdf": "pdf",
  [DOCX_MIME]: "docx",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
};

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  return !head.includes(0);
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  return (
    head.startsWith("<!doctype html") ||
    head.startsWith("<html") ||
    (head.startsWith("<?xml") && head.includes("<html"))
  );
}

export function mimeKind(mime: string | null | undefined): ExtractKind | null {
  const base = (mime ?? "").split(";")[0]!.trim().toLowerCase();
  return BY_MIME[base] ?? null;
}

export function detectKind(
  filename: string | null | undefined,
  mime: string | null | undefined,
  bytes: Uint8Array,
): ExtractKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename ?? "")?.[1]?.toLowerCase();
  const named = (ext && BY_EXTENSION[ext]) || mimeKind(mime);
  // "%PDF-" may follow up to 1 KB of junk; readers accept that, and so does this check.
  const pdfAt = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).indexOf("%PDF-");
  if (pdfAt >= 0) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return named === "docx" ? "docx" : null;
  if (named === "pdf" || named === "docx") return null;
  if (!looksLikeText(bytes)) return null;
  if (named) return named;
  if (looksLikeHtml(bytes)) return "html";
  return null;
}
