import { afterEach, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { fakeEnv } from "../fixtures/env";

// The bench's "without the budget" switch must not be settable on an ordinary instance.
let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe("BENCH_SKIP_MESSAGE_BUDGET", () => {
  it("is off by default", () => {
    restore = fakeEnv({ BENCH_SKIP_MESSAGE_BUDGET: undefined });
    expect(getEnv().BENCH_SKIP_MESSAGE_BUDGET).toBe("0");
  });

  it("is refused without the bench's statement-count mode", () => {
    restore = fakeEnv({ BENCH_SKIP_MESSAGE_BUDGET: "1", EXPOSE_STATEMENT_COUNT: "0" });
    expect(() => getEnv()).toThrow(/BENCH_SKIP_MESSAGE_BUDGET: is for the bench only/);
  });

  it("is accepted in the bench's mode", () => {
    restore = fakeEnv({ BENCH_SKIP_MESSAGE_BUDGET: "1", EXPOSE_STATEMENT_COUNT: "1" });
    expect(getEnv().BENCH_SKIP_MESSAGE_BUDGET).toBe("1");
  });
});
