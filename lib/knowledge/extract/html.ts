import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { checkText, deadlineCheck, decodeUtf8, finish, titleFromName } from "./guard";
import type { ExtractedBlock, ExtractedDoc, ExtractLimits } from "./types";

// HTML pages: Readability picks the article (dropping menus, footers, cookie banners); when it
// finds none, or too little, the whole body is used instead. Blocks follow the headings of what
// remains. Mammoth's DOCX output goes through `htmlBlocks` too, without Readability (a Word
// document has no page furniture).

const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "NAV", "FOOTER", "FORM"]);
const HEADING = /^H[1-6]$/;
const BLOCK = new Set(["P", "LI", "PRE", "BLOCKQUOTE", "TR", "DT", "DD", "FIGCAPTION", "CAPTION", "ADDRESS"]);
const CONTAINER = new Set([
  "DIV",
  "SECTION",
  "ARTICLE",
  "MAIN",
  "BODY",
  "UL",
  "OL",
  "TABLE",
  "TBODY",
  "THEAD",
  "DL",
  "HEADER",
  "ASIDE",
  "FIGURE",
]);

type Node = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node> };

function textOf(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? "";
  if (node.nodeType !== 1 || SKIP.has(node.nodeName)) return "";
  let out = "";
  for (const child of Array.from(node.childNodes)) {
    out += child.nodeName === "BR" ? "\n" : textOf(child);
    if (child.nodeName === "TD" || child.nodeName === "TH") out += " ";
  }
  return out;
}

/** Walks a DOM subtree into heading-led blocks; stray inline text between blocks is kept too. */
export function htmlBlocks(
  root: Node,
  tick: () => void,
): { blocks: ExtractedBlock[]; firstH1: string | null } {
  const blocks: ExtractedBlock[] = [];
  let heading: string | null = null;
  let firstH1: string | null = null;
  let loose = "";
  const flushLoose = () => {
    if (loose.trim()) blocks.push({ heading, text: loose });
    loose = "";
  };
  const walk = (node: Node) => {
    tick();
    for (const child of Array.from(node.childNodes)) {
      const name = child.nodeName;
      if (child.nodeType === 3) loose += child.textContent ?? "";
      else if (child.nodeType !== 1 || SKIP.has(name)) continue;
      else if (HEADING.test(name)) {
        flushLoose();
        heading = textOf(child).replace(/\s+/g, " ").trim() || heading;
        if (name === "H1" && firstH1 === null) firstH1 = heading;
      } else if (BLOCK.has(name) && !hasBlockChild(child)) {
        flushLoose();
        blocks.push({ heading, text: textOf(child) });
      } else if (CONTAINER.has(name) || BLOCK.has(name)) {
        flushLoose();
        walk(child);
        flushLoose();
      } else loose += textOf(child);
    }
  };
  walk(root);
  flushLoose();
  return { blocks, firstH1 };
}

function hasBlockChild(node: Node): boolean {
  return Array.from(node.childNodes).some(
    (c) =>
      c.nodeType === 1 && (BLOCK.has(c.nodeName) || CONTAINER.has(c.nodeName) || HEADING.test(c.nodeName)),
  );
}

function words(blocks: ExtractedBlock[]): number {
  return blocks.reduce((n, b) => n + b.text.split(/\s+/).filter(Boolean).length, 0);
}

export function extractHtml(
  bytes: Uint8Array,
  limits: ExtractLimits,
  startedAt: number,
  source: { filename?: string; url?: string },
): ExtractedDoc {
  const tick = deadlineCheck(startedAt, limits);
  const html = decodeUtf8(bytes);
  const { document } = parseHTML(html);
  tick();
  const pageTitle = document.querySelector("title")?.textContent?.trim() || null;
  // The whole body first: it is the fallback, and its line and size checks refuse a hostile
  // page before Readability spends time on it.
  const body = document.body as unknown as Node | null;
  const whole = body ? htmlBlocks(body, tick) : { blocks: [], firstH1: null };
  checkText(whole.blocks.map((b) => b.text).join("\n"), limits);
  let article: ReturnType<Readability["parse"]> = null;
  try {
    // Readability rewrites the document it reads, so it gets its own parse.
    article = new Readability(parseHTML(html).document as unknown as Document, {
      charThreshold: 200,
    }).parse();
  } catch {
    article = null;
  }
  tick();
  let picked: { blocks: ExtractedBlock[]; firstH1: string | null } = { blocks: [], firstH1: null };
  if (article?.content) {
    const articleBody = parseHTML(`<html><body>${article.content}</body></html>`).document.body;
    picked = htmlBlocks(articleBody as unknown as Node, tick);
  }
  // Readability can keep a fragment of a page that is mostly a list or a table: prefer the
  // body when the article holds less than a fifth of its words.
  const useArticle = picked.blocks.length > 0 && words(picked.blocks) * 5 >= words(whole.blocks);
  const chosen = useArticle ? picked : whole;
  const title =
    article?.title?.trim() ||
    pageTitle ||
    chosen.firstH1 ||
    whole.firstH1 ||
    titleFromName(source.filename, source.url);
  return finish(title, chosen.blocks, limits);
}
