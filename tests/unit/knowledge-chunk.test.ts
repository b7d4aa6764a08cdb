import { describe, expect, it } from "vitest";
import { chunkDocument, estimateTokens } from "@/lib/knowledge/chunk";

const sentences = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `Sentence ${i} of ${tag} says something about delivery times.`).join(
    " ",
  );

describe("chunkDocument", () => {
  it("splits a long paragraph at sentence ends, within the target, with overlap", () => {
    const doc = { title: "T", blocks: [{ heading: "Delivery", text: sentences(120, "delivery") }] };
    const chunks = chunkDocument(doc, { targetTokens: 300, overlapTokens: 50 });
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    chunks.forEach((c, i) => {
      expect(c.ordinal).toBe(i);
      expect(c.heading).toBe("Delivery");
      expect(c.text.trim()).not.toBe("");
      expect(c.tokenEstimate).toBe(estimateTokens(c.text));
      expect(c.tokenEstimate).toBeLessThanOrEqual(300);
      if (i < chunks.length - 1) expect(c.tokenEstimate).toBeGreaterThan(250);
      expect(c.text.endsWith("delivery times.")).toBe(true);
    });
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1]!.text.split(" ");
      const next = chunks[i]!.text;
      // The next chunk opens with the previous one's last words (about 50 tokens of them).
      let shared = "";
      for (let j = prev.length - 1; j > 0; j--) {
        const suffix = prev.slice(j).join(" ");
        if (next.startsWith(`${suffix} `)) shared = suffix;
      }
      expect(estimateTokens(shared)).toBeGreaterThanOrEqual(40);
      expect(estimateTokens(shared)).toBeLessThanOrEqual(50);
    }
    // Every sentence is in some chunk.
    const all = chunks.map((c) => c.text).join(" ");
    for (let i = 0; i < 120; i++) expect(all).toContain(`Sentence ${i} of delivery`);
  });

  it("follows headings: a new section starts a new chunk, without overlap from the last", () => {
    const doc = {
      title: "T",
      blocks: [
        { heading: "Returns", text: sentences(10, "returns") },
        { heading: "Refunds", text: sentences(10, "refunds") },
        { heading: "Refunds", text: "A second paragraph of refunds." },
      ],
    };
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => c.heading)).toEqual(["Returns", "Refunds"]);
    expect(chunks[1]!.text).not.toContain("returns");
    expect(chunks[1]!.text.endsWith("delivery times.\n\nA second paragraph of refunds.")).toBe(true);
    // Sentences of one paragraph stay on one line; paragraphs are separated by a blank line.
    expect(chunks[1]!.text.split("\n\n")).toHaveLength(2);
  });

  it("a tiny section joins the next one, keeping its heading as a line", () => {
    const doc = {
      title: "T",
      blocks: [
        { heading: "Contact", text: "Call us." },
        { heading: "Email", text: "Write to help@acme.test." },
      ],
    };
    expect(chunkDocument(doc)).toEqual([
      {
        ordinal: 0,
        heading: "Contact",
        text: "Call us.\n\nEmail\n\nWrite to help@acme.test.",
        tokenEstimate: 11,
      },
    ]);
  });

  it("a giant word or a sentence without ends is cut to the bound, never an empty chunk", () => {
    const doc = {
      title: "T",
      blocks: [{ heading: null, text: `${"x".repeat(5000)} ${"word ".repeat(800)}` }],
    };
    const chunks = chunkDocument(doc, { targetTokens: 100, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.trim().length).toBeGreaterThan(0);
      expect(c.tokenEstimate).toBeLessThanOrEqual(100);
    }
    expect(chunkDocument({ title: "T", blocks: [{ heading: "H", text: "  \n\n " }] })).toEqual([]);
  });
});
