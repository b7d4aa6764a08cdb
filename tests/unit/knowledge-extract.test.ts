import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/knowledge/chunk";
import { detectKind, extractDocument } from "@/lib/knowledge/extract";
import { makeDocx, makePdf, makeZipBombDocx } from "@/tests/fixtures/knowledge-files";

const enc = (s: string) => new TextEncoder().encode(s);
const sentence = (topic: string, i: number) =>
  `The ${topic} rule number ${i} explains how returns are handled for orders placed online.`;
const paragraph = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => sentence(topic, i)).join(" ");

describe("extractDocument: every kind gives its title and heading-led blocks", () => {
  it("plain text: paragraphs split at blank lines, title from the file name", async () => {
    const doc = await extractDocument({
      kind: "text",
      bytes: enc("First paragraph here.\r\n\r\nSecond   paragraph\nwith two lines.\n\n\n"),
      filename: "shipping_notes.txt",
    });
    expect(doc).toEqual({
      title: "shipping notes",
      blocks: [
        { heading: null, text: "First paragraph here." },
        { heading: null, text: "Second paragraph\nwith two lines." },
      ],
    });
    expect(chunkDocument(doc)).toHaveLength(1);
  });

  it("markdown: ATX and setext headings, fenced code kept whole, inline marks dropped", async () => {
    const md = [
      "---",
      "layout: page",
      "---",
      "# Returns policy",
      "",
      "You may return **any** item within [30 days](https://x.test/r).",
      "",
      "Shipping",
      "--------",
      "We ship *worldwide*.",
      "",
      "```",
      "# not a heading",
      "```",
      "## Refunds ##",
      "Refunds take `5` days.",
    ].join("\n");
    const doc = await extractDocument({ kind: "markdown", bytes: enc(md), filename: "r.md" });
    expect(doc).toEqual({
      title: "Returns policy",
      blocks: [
        { heading: "Returns policy", text: "You may return any item within 30 days." },
        { heading: "Shipping", text: "We ship worldwide." },
        { heading: "Shipping", text: "# not a heading" },
        { heading: "Refunds", text: "Refunds take 5 days." },
      ],
    });
    // Each section is too small to stand alone: one chunk, later headings kept as lines.
    const chunks = chunkDocument(doc);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.heading).toBe("Returns policy");
    expect(chunks[0]!.text).toContain("Shipping\n\nWe ship worldwide.");
    expect(chunks[0]!.text).toContain("Refunds\n\nRefunds take 5 days.");
  });

  it("html: the article is kept, navigation and scripts are not", async () => {
    const body = Array.from({ length: 6 }, (_, i) => `<p>${paragraph("billing", 3)} Part ${i}.</p>`).join("");
    const html = `<!doctype html><html><head><title>Billing help | Acme</title><script>var x=1</script></head>
      <body><nav><a href="/">Home</a><a href="/p">Pricing</a></nav>
      <article><h1>Billing help</h1>${body}<h2>Invoices</h2><p>Invoices are emailed monthly.</p>
      <ul><li>PDF copies on request</li><li>VAT shown per line</li></ul></article>
      <footer>© Acme cookie settings</footer></body></html>`;
    const doc = await extractDocument({
      kind: "html",
      bytes: enc(html),
      url: "https://acme.test/help/billing",
    });
    expect(doc.title).toBe("Billing help | Acme");
    const text = doc.blocks.map((b) => b.text).join("\n");
    expect(text).not.toMatch(/cookie settings|var x|Pricing/);
    expect(doc.blocks.find((b) => b.text === "Invoices are emailed monthly.")?.heading).toBe("Invoices");
    expect(doc.blocks.filter((b) => b.heading === "Invoices").map((b) => b.text)).toEqual([
      "Invoices are emailed monthly.",
      "PDF copies on request",
      "VAT shown per line",
    ]);
    expect(chunkDocument(doc).length).toBeGreaterThanOrEqual(2);
  });

  it("html without an article falls back to the body text", async () => {
    const html =
      "<html><body><div>Opening hours: 9 to 5.</div><table><tr><td>Mon</td><td>Open</td></tr></table></body></html>";
    const doc = await extractDocument({ kind: "html", bytes: enc(html), filename: "hours.html" });
    expect(doc.blocks.map((b) => b.text)).toEqual(["Opening hours: 9 to 5.", "Mon Open"]);
    expect(doc.title).toBe("hours");
  });

  it("pdf: text of each page in a worker, title from the metadata", async () => {
    const pdf = await makePdf("Warranty terms", [
      { lines: ["Warranty covers two years.", "Batteries are covered for one year."] },
      { lines: ["Claims need the order number."] },
    ]);
    expect(detectKind("w.pdf", "application/pdf", pdf)).toBe("pdf");
    const doc = await extractDocument({ kind: "pdf", bytes: pdf, filename: "w.pdf" });
    expect(doc.title).toBe("Warranty terms");
    expect(doc.blocks).toHaveLength(2);
    expect(doc.blocks[0]!.text).toContain("Warranty covers two years.");
    expect(doc.blocks[0]!.text).toContain("Batteries are covered for one year.");
    expect(doc.blocks[1]!.text).toContain("Claims need the order number.");
    expect(chunkDocument(doc)).toHaveLength(1);
  });

  it("docx: Word headings become block headings", async () => {
    const docx = makeDocx([
      { text: "Security overview", heading: 1 },
      { text: "Data is encrypted at rest." },
      { text: "Access", heading: 2 },
      { text: paragraph("access", 40) },
    ]);
    expect(detectKind("s.docx", "application/octet-stream", docx)).toBe("docx");
    const doc = await extractDocument({ kind: "docx", bytes: docx, filename: "s.docx" });
    expect(doc.title).toBe("Security overview");
    expect(doc.blocks[0]).toEqual({ heading: "Security overview", text: "Data is encrypted at rest." });
    expect(doc.blocks[1]!.heading).toBe("Access");
    // The short first section opens the first chunk; about 850 tokens of "Access" follow it.
    const chunks = chunkDocument(doc);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks[0]!.heading).toBe("Security overview");
    expect(
      chunks[0]!.text.startsWith("Data is encrypted at rest.\n\nAccess\n\nThe access rule number 0"),
    ).toBe(true);
    expect(chunks.slice(1).every((c) => c.heading === "Access")).toBe(true);
    expect(chunks.at(-1)!.text).toContain("The access rule number 39 explains");
  });

  it("damaged input gets a reason, not a crash", async () => {
    await expect(extractDocument({ kind: "pdf", bytes: enc("%PDF-1.7 garbage") })).rejects.toThrow(
      "The file is not a readable PDF.",
    );
    await expect(extractDocument({ kind: "docx", bytes: enc("PK\u0003\u0004 nothing") })).rejects.toThrow(
      /not a valid DOCX/,
    );
    await expect(extractDocument({ kind: "text", bytes: new Uint8Array(0) })).rejects.toThrow(
      "The file is empty.",
    );
    await expect(extractDocument({ kind: "markdown", bytes: enc("#\n\n   \n") })).rejects.toThrow(
      "The document contains no readable text.",
    );
  });

  it("a run past the time limit terminates the worker with that reason", async () => {
    const pdf = await makePdf(null, [{ lines: ["x"] }]);
    await expect(extractDocument({ kind: "pdf", bytes: pdf }, { timeMs: 1 })).rejects.toThrow(
      "Extraction took longer than 1 ms.",
    );
  });

  it("the zip directory is checked before inflating", async () => {
    const bomb = await makeZipBombDocx(150 * 1024 * 1024, true);
    await expect(
      extractDocument({ kind: "docx", bytes: bomb }, { maxCompressionRatio: 1e9 }),
    ).rejects.toThrow("The DOCX expands to more than 100 MB when unpacked.");
  });
});

describe("detectKind", () => {
  it("trusts bytes over names and refuses what no extractor reads", () => {
    const pdf = enc("%PDF-1.4\n...");
    expect(detectKind("notes.txt", "text/plain", pdf)).toBe("pdf");
    expect(detectKind("a.md", null, enc("# Hi"))).toBe("markdown");
    expect(detectKind(null, "text/markdown; charset=utf-8", enc("# Hi"))).toBe("markdown");
    expect(detectKind("page", null, enc("  <!DOCTYPE html><p>x"))).toBe("html");
    expect(detectKind("a.txt", null, enc("hello"))).toBe("text");
    expect(detectKind("a.txt", null, new Uint8Array([104, 0, 105]))).toBeNull();
    expect(detectKind("a.zip", "application/zip", enc("PK\u0003\u0004"))).toBeNull();
    expect(detectKind("a.docx", null, enc("not a zip"))).toBeNull();
    expect(detectKind("a.png", "image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]))).toBeNull();
    expect(detectKind("a.bin", null, enc("plain words"))).toBeNull();
  });
});
