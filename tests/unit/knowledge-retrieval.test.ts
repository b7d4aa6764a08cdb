import { describe, expect, it } from "vitest";
import { citationsOf, knowledgeSection } from "@/lib/knowledge/context";
import { fitToBudget, searchTerms } from "@/lib/knowledge/retrieval/postgres";

const passage = (
  sourceId: string,
  text: string,
  extra: Partial<{ url: string | null; heading: string }> = {},
) => ({
  sourceId,
  title: `T-${sourceId}`,
  url: extra.url ?? null,
  heading: extra.heading ?? null,
  text,
});

describe("search terms", () => {
  it("ORs the words of the question and the previous turn, once each, without operators", () => {
    expect(searchTerms("Where's my parcel?", "I ordered shoes")).toBe(
      "where or s or my or parcel or i or ordered or shoes",
    );
    expect(searchTerms('"quoted" -minus OR or', undefined)).toBe("quoted or minus");
    expect(searchTerms("  ?! ")).toBe("");
    expect(searchTerms("Lieferzeit nach Österreich")).toBe("lieferzeit or nach or österreich");
    expect(
      searchTerms("w ".repeat(500) + Array.from({ length: 100 }, (_, i) => `x${i}`).join(" ")).split(" or ")
        .length,
    ).toBe(48);
  });
});

describe("token budget", () => {
  it("keeps the best passages that fit, skipping one that would overflow, up to the limit", () => {
    const hits = [
      { tokenEstimate: 1000 },
      { tokenEstimate: 2500 },
      { tokenEstimate: 1500 },
      { tokenEstimate: 400 },
      { tokenEstimate: 10 },
    ];
    expect(fitToBudget(hits, 6, 3000)).toEqual([hits[0], hits[2], hits[3], hits[4]]);
    expect(fitToBudget(hits, 2, 3000)).toEqual([hits[0], hits[2]]);
    expect(fitToBudget([{ tokenEstimate: 5000 }], 6, 3000)).toEqual([]);
  });
});

describe("citations and the prompt's knowledge part", () => {
  it("cites each source once, in the order of its best passage, with a bounded one-line snippet", () => {
    const long = `First line\n\n${"word ".repeat(100)}`;
    const cites = citationsOf([
      passage("b", long, { url: "https://x.test/b" }),
      passage("a", "A"),
      passage("b", "again"),
    ]);
    expect(cites.map((c) => c.source_id)).toEqual(["b", "a"]);
    expect(cites[0]).toMatchObject({ title: "T-b", url: "https://x.test/b" });
    expect(cites[0]!.snippet.length).toBeLessThanOrEqual(200);
    expect(cites[0]!.snippet).toMatch(/^First line word/);
    expect(cites[0]!.snippet.endsWith("…")).toBe(true);
  });

  it("numbers the passages with their title and heading; says so when nothing matched", () => {
    const text = knowledgeSection("Help", [
      passage("a", "Alpha.", { heading: "Intro" }),
      passage("b", "Beta."),
    ]);
    expect(text).toContain('knowledge pack "Help"');
    expect(text).toContain("[1] T-a — Intro\nAlpha.");
    expect(text).toContain("[2] T-b\nBeta.");
    expect(knowledgeSection("Help", [])).toContain("No passage of the knowledge pack");
  });
});
