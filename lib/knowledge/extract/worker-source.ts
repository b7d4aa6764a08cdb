// The code of the extraction worker, as plain CommonJS text started with `eval: true`. A file
// beside this one would have to be found again after every bundler (Vitest, tsx, Next's server
// chunks move and rename modules); text has no path. The worker loads mammoth and unpdf with a
// require rooted at the directories the parent passes (this module's own location, then the
// working directory), so it finds the same node_modules the app runs from.
// It answers one message: { ok: true, ... } or { ok: false, reason } with a user-facing reason.

export const WORKER_SOURCE = String.raw`
const { parentPort } = require("node:worker_threads");
const { createRequire } = require("node:module");

function loader(bases) {
  for (const base of bases) {
    try {
      const req = createRequire(base);
      req.resolve("mammoth");
      req.resolve("unpdf");
      return req;
    } catch {}
  }
  return null;
}

async function pdf(req, bytes, limits) {
  const { getDocumentProxy } = req("unpdf");
  let doc;
  try {
    doc = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false, disableFontFace: true });
  } catch (e) {
    const encrypted = e && e.name === "PasswordException";
    return { ok: false, reason: encrypted ? "The PDF is password-protected." : "The file is not a readable PDF." };
  }
  if (doc.numPages > limits.maxPages) {
    return { ok: false, reason: "The PDF has " + doc.numPages.toLocaleString("en-US") + " pages; at most " + limits.maxPages.toLocaleString("en-US") + " are accepted." };
  }
  let title = null;
  try {
    const meta = await doc.getMetadata();
    title = (meta && meta.info && typeof meta.info.Title === "string" && meta.info.Title) || null;
  } catch {}
  const pages = [];
  let total = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      if (typeof item.str !== "string") continue;
      text += item.str;
      if (item.hasEOL) text += "\n";
      else if (item.str && !item.str.endsWith(" ")) text += " ";
    }
    page.cleanup();
    total += text.length;
    if (total > limits.maxTotalChars) {
      return { ok: false, reason: "The document has more than " + limits.maxTotalChars.toLocaleString("en-US") + " characters of text." };
    }
    pages.push(text);
  }
  await doc.destroy();
  return { ok: true, title, pages };
}

async function docx(req, bytes) {
  const mammoth = req("mammoth");
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return { ok: true, html: result.value };
  } catch {
    return { ok: false, reason: "The file is not a readable DOCX." };
  }
}

parentPort.once("message", async (job) => {
  const req = loader(job.bases);
  if (!req) {
    parentPort.postMessage({ ok: false, unavailable: true, reason: "The document reader is not installed." });
    return;
  }
  try {
    const out = job.kind === "pdf" ? await pdf(req, job.bytes, job.limits) : await docx(req, job.bytes);
    parentPort.postMessage(out);
  } catch (e) {
    parentPort.postMessage({ ok: false, reason: "The document could not be read." });
  }
});
`;
