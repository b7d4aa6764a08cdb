import { parseHTML } from "linkedom";
import { deadlineCheck, finish, titleFromName } from "./guard";
import { extractHtml, htmlBlocks } from "./html";
import { extractMarkdown, extractText } from "./text";
import {
  type ExtractedDoc,
  type ExtractInput,
  ExtractionError,
  type ExtractLimits,
  withLimits,
} from "./types";
import { extractInWorker } from "./worker";
import { guardZip } from "./zip-guard";

// One entry point for every kind. Text, Markdown and HTML are parsed in-process (linear
// parsers over at most `maxBytes`, with deadline checks between steps); PDF and DOCX go to a
// worker with its own heap limit and a deadline that terminates it (./worker.ts). A DOCX's zip
// directory and real inflated sizes are checked before the worker sees it (./zip-guard.ts).

export { detectKind } from "./detect";
export {
  EXTRACT_LIMITS,
  type ExtractedBlock,
  type ExtractedDoc,
  type ExtractInput,
  ExtractionError,
  type ExtractKind,
  type ExtractLimits,
} from "./types";

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

export async function extractDocument(
  input: ExtractInput,
  overrides?: Partial<ExtractLimits>,
): Promise<ExtractedDoc> {
  const limits = withLimits(overrides);
  const startedAt = Date.now();
  if (input.bytes.byteLength > limits.maxBytes) {
    throw new ExtractionError(`The file is larger than ${mb(limits.maxBytes)}.`);
  }
  if (input.bytes.byteLength === 0) throw new ExtractionError("The file is empty.");
  switch (input.kind) {
    case "text":
      return extractText(input.bytes, limits, input.filename);
    case "markdown":
      return extractMarkdown(input.bytes, limits, input.filename);
    case "html":
      return extractHtml(input.bytes, limits, startedAt, input);
    case "pdf": {
      const answer = await extractInWorker("pdf", input.bytes, limits, startedAt);
      if (!("pages" in answer)) throw new ExtractionError("The document could not be read.");
      const blocks = answer.pages.map((text) => ({ heading: null, text }));
      return finish(answer.title || titleFromName(input.filename, input.url), blocks, limits);
    }
    case "docx": {
      await guardZip(input.bytes, limits, startedAt + limits.timeMs);
      const answer = await extractInWorker("docx", input.bytes, limits, startedAt);
      if (!("html" in answer)) throw new ExtractionError("The document could not be read.");
      const { document } = parseHTML(`<html><body>${answer.html}</body></html>`);
      const { blocks, firstH1 } = htmlBlocks(document.body as never, deadlineCheck(startedAt, limits));
      return finish(firstH1 || titleFromName(input.filename, input.url), blocks, limits);
    }
    default:
      throw new ExtractionError("This kind of file is not supported.");
  }
}
