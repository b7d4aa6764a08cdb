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
        expect(
          parts
            .filter((p) => !p.added)
            .map((p) => p.value)
            .join(""),
        ).toBe(a);
        expect(
          parts
            .filter((p) => !p.removed)
            .map((p) => p.value)
            .join(""),
        ).toBe(b);
      }),
      { numRuns: 300 },
    );
  });
});
