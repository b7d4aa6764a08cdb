import { diffWordsWithSpace } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// The detail page shows the original prompt from the unchanged + removed parts and the optimized
// one from the unchanged + added parts: both must read back exactly.
describe("prompt diff columns", () => {
  it("reconstruct both prompts exactly", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const parts = diffWordsWithSpace(a, b);
        const column = (keep: (p: (typeof parts)[number]) => boolean) =>
          parts
            .filter(keep)
            .map((p) => p.value)
            .join("");
        expect(column((p) => !p.added)).toBe(a);
        expect(column((p) => !p.removed)).toBe(b);
      }),
      { numRuns: 300 },
    );
  });
});
