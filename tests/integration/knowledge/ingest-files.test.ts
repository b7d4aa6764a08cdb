import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/knowledge/chunk";
import { type ExtractKind, extractDocument } from "@/lib/knowledge/extract";
import {
  chunkRows,
  createEmptyPack,
  getSource,
  ingestLikeInngest,
  knowledgeOrgForFile,
  searchPack,
  uploadSource,
} from "@/tests/fixtures/knowledge";
import { makeDocx, makeManyPagePdf, makePdf, makeZipBombDocx } from "@/tests/fixtures/knowledge-files";

// Acceptance 1 and 2 through the upload route and the ingestion function: files made at test
// time; each type ingests to `ready` with the chunks the chunker makes of it; hostile files fail
// alone, with a reason, while a good file in the same pack still ingests.
const file = knowledgeOrgForFile();

const SENTENCE = "The Tidewell kettle descales itself every thirty uses.";

async function upload(pack: string, name: string, type: string, bytes: Uint8Array) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await uploadSource(file.key, pack, form);
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  return res.json.id as string;
}

describe("file sources", () => {
  it("PDF, DOCX, Markdown, HTML and text each ingest to ready with the chunker's chunk count", async () => {
    const pack = await createEmptyPack(file.org);
    const files: [string, string, ExtractKind, Uint8Array][] = [
      [
        "guide.pdf",
        "application/pdf",
        "pdf",
        await makePdf("Guide", [{ lines: [SENTENCE] }, { lines: ["Page two."] }]),
      ],
      [
        "guide.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        makeDocx([{ text: "Guide", heading: 1 }, { text: SENTENCE }]),
      ],
      ["guide.md", "text/markdown", "markdown", new TextEncoder().encode(`# Guide\n\n${SENTENCE}\n`)],
      [
        "guide.html",
        "text/html",
        "html",
        new TextEncoder().encode(`<html><body><h1>Guide</h1><p>${SENTENCE}</p></body></html>`),
      ],
      ["guide.txt", "text/plain", "text", new TextEncoder().encode(SENTENCE)],
    ];
    for (const [name, type, kind, bytes] of files) {
      const id = await upload(pack.publicId, name, type, bytes);
      const run = await ingestLikeInngest(file.org.id, id);
      expect(run.error, name).toBeUndefined();
      const source = (await getSource(file.key, pack.publicId, id)).json;
      const expected = chunkDocument(await extractDocument({ kind, bytes, filename: name })).length;
      expect(source, name).toMatchObject({
        status: "ready",
        chunks: expected,
        progress: { done: 1, total: 1 },
      });
      expect((await chunkRows(id)).length).toBe(expected);
    }
    const hits = (await searchPack(file.key, pack.publicId, "descale the kettle")).json.data;
    expect(hits.length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it("a zip-bomb DOCX and a 10,000-page PDF fail with a reason, at once; a good file still ingests", async () => {
    const pack = await createEmptyPack(file.org);
    const bomb = await upload(
      pack.publicId,
      "bomb.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      await makeZipBombDocx(1024 * 1024 * 1024, false),
    );
    const pages = await upload(pack.publicId, "huge.pdf", "application/pdf", await makeManyPagePdf(10_000));
    const good = await upload(pack.publicId, "ok.txt", "text/plain", new TextEncoder().encode(SENTENCE));
    for (const id of [bomb, pages]) {
      const started = Date.now();
      const run = await ingestLikeInngest(file.org.id, id);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(run.attempts).toBe(1);
      const s = (await getSource(file.key, pack.publicId, id)).json;
      expect(s.status).toBe("failed");
      expect(s.error).toEqual(expect.any(String));
    }
    await ingestLikeInngest(file.org.id, good);
    expect((await getSource(file.key, pack.publicId, good)).json.status).toBe("ready");
  }, 90_000);

  it("10 MB on one line fails with a reason", async () => {
    const pack = await createEmptyPack(file.org);
    const id = await upload(
      pack.publicId,
      "line.txt",
      "text/plain",
      new Uint8Array(10 * 1024 * 1024 - 100).fill(0x61),
    );
    await ingestLikeInngest(file.org.id, id);
    const s = (await getSource(file.key, pack.publicId, id)).json;
    expect(s.status).toBe("failed");
    expect(s.error).toMatch(/line/i);
  }, 60_000);
});
