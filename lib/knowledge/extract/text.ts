import { checkText, decodeUtf8, finish, titleFromName } from "./guard";
import type { ExtractedBlock, ExtractedDoc, ExtractLimits } from "./types";

// Plain text and Markdown, parsed by lines: ATX (`# x`) and setext (`x` over `===`) headings
// start a block, blank lines separate paragraphs, fenced code is kept whole (a `#` inside it
// is not a heading). The line checks run on the raw text first, before any splitting.

/** Inline Markdown reduced to its words: links to their text, emphasis and code marks dropped. */
function plainInline(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|\W)[*_](\S.*?\S|\S)[*_](?=\W|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/^\s{0,3}>\s?/, "")
    .replace(/^\s*[-*+]\s+/, "- ")
    .replace(/<\/?[a-z][^>]*>/gi, "");
}

export function extractText(bytes: Uint8Array, limits: ExtractLimits, filename?: string): ExtractedDoc {
  const text = decodeUtf8(bytes).replace(/\r\n?/g, "\n");
  checkText(text, limits);
  const blocks: ExtractedBlock[] = text.split(/\n[ \t]*\n/).map((p) => ({ heading: null, text: p }));
  const firstLine = text.trim().split("\n")[0]?.trim() ?? "";
  const title = filename ? titleFromName(filename) : firstLine.slice(0, 120);
  return finish(title, blocks, limits);
}

export function extractMarkdown(bytes: Uint8Array, limits: ExtractLimits, filename?: string): ExtractedDoc {
  const text = decodeUtf8(bytes).replace(/\r\n?/g, "\n");
  checkText(text, limits);
  const lines = text.split("\n");
  const blocks: ExtractedBlock[] = [];
  let heading: string | null = null;
  let title: string | null = null;
  let current: string[] = [];
  let fence: string | null = null;
  let frontMatter = lines[0] === "---";
  const flush = () => {
    if (current.some((l) => l.trim())) blocks.push({ heading, text: current.join("\n") });
    current = [];
  };
  const startSection = (h: string, level: number) => {
    flush();
    heading = plainInline(h).trim();
    if (level === 1 && title === null) title = heading;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (frontMatter) {
      if (i > 0 && line === "---") frontMatter = false;
      continue;
    }
    const fenceMatch = /^\s{0,3}(```|~~~)/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1] === fence) fence = null;
      else current.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})(?:\s+(.*?)\s*#*)?\s*$/.exec(line);
    if (atx) {
      startSection(atx[2] ?? "", atx[1]!.length);
      continue;
    }
    const next = lines[i + 1];
    if (line.trim() && next !== undefined && /^\s{0,3}(=+|-+)\s*$/.test(next) && !current.at(-1)?.trim()) {
      startSection(line, next.includes("=") ? 1 : 2);
      i++;
      continue;
    }
    if (!line.trim() || /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      continue;
    }
    current.push(plainInline(line));
  }
  flush();
  return finish(title ?? titleFromName(filename), blocks, limits);
}
