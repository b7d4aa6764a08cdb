import { describe, expect, it } from "vitest";
import { MemoryRateLimitStore } from "@/lib/rate-limit";
import { hitPair } from "@/lib/rate-limit/pair";

// The fallback for stores without a one-statement pair: the same semantics, two calls.
describe("hitPair with the in-memory store", () => {
  it("counts the second limit only while the first allows", async () => {
    const store = new MemoryRateLimitStore();
    const v = { key: "v", limit: 1, windowMs: 60_000 };
    const a = { key: "a", limit: 5, windowMs: 60_000 };
    const [v1, a1] = await hitPair(store, v, a);
    expect(v1.allowed).toBe(true);
    expect(a1?.remaining).toBe(4);
    const [v2, a2] = await hitPair(store, v, a);
    expect(v2.allowed).toBe(false);
    expect(a2).toBeUndefined();
    // The refused visitor spent nothing of the agent's budget.
    expect((await store.hit("a", 5, 60_000)).remaining).toBe(3);
  });
});
