import { describe, expect, it } from "vitest";
import { casesFromCsv, parseCsvRecords } from "@/lib/evals/csv";

describe("casesFromCsv (RFC 4180)", () => {
  it("imports quoted fields with commas, quotes and newlines, and reports two bad lines by number", () => {
    const csv = [
      "input,expectations,must_not",
      '"Can I return boots, worn once?","mentions the 30-day return window | asks for the order number","promises a refund"',
      '"He said ""hi""\nand then asked:\nwhere is my order?",gives the tracking link,',
      ",mentions something,", // line 6: empty input
      "only two,fields", // line 7: wrong field count
      'Plain question,"says ""yes"""',
    ].join("\r\n");
    // The header has three columns, so the last record needs three fields too.
    const { cases, problems } = casesFromCsv(`${csv},\r\n`);
    expect(cases).toEqual([
      {
        input: "Can I return boots, worn once?",
        expectations: ["mentions the 30-day return window", "asks for the order number"],
        must_not: ["promises a refund"],
      },
      {
        input: 'He said "hi"\nand then asked:\nwhere is my order?',
        expectations: ["gives the tracking link"],
        must_not: [],
      },
      { input: "Plain question", expectations: ['says "yes"'], must_not: [] },
    ]);
    expect(problems.map((p) => p.line)).toEqual([6, 7]);
    expect(problems[0]!.message).toMatch(/input/);
    expect(problems[1]!.message).toMatch(/Expected 3 fields, found 2/);
  });

  it("reports an unclosed quote and stray quotes on the line they start, keeping the rest", () => {
    const { records, problems } = parseCsvRecords('a,b\n"x"y,z\nok,1\n"never closed,2\n');
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["ok", "1"],
    ]);
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
  });

  it("needs a header with input and expectations; skips blank lines and a BOM", () => {
    expect(casesFromCsv("question,answer\nq,a\n").problems[0]!.line).toBe(1);
    const { cases } = casesFromCsv("\uFEFFinput,expectations\n\nq,e1|e2\n");
    expect(cases).toEqual([{ input: "q", expectations: ["e1", "e2"], must_not: [] }]);
  });
});
