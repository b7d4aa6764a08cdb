import { afterEach, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { MemoryRateLimitStore, rateLimitStore, setRateLimitStore } from "@/lib/rate-limit";
import { PostgresRateLimitStore } from "@/lib/rate-limit/postgres-store";
import { fakeEnv } from "../fixtures/env";

// RATE_LIMIT_STORE picks the store the process builds on first use (the bench compares both).
const g = globalThis as unknown as { __youragentRateLimit?: unknown };
let restore: (() => void) | undefined;

afterEach(() => {
  restore?.();
  g.__youragentRateLimit = undefined;
});

describe("RATE_LIMIT_STORE", () => {
  it("defaults to the Postgres store", () => {
    restore = fakeEnv({ RATE_LIMIT_STORE: undefined });
    g.__youragentRateLimit = undefined;
    expect(getEnv().RATE_LIMIT_STORE).toBe("postgres");
    expect(rateLimitStore()).toBeInstanceOf(PostgresRateLimitStore);
  });

  it("memory builds the in-process store", () => {
    restore = fakeEnv({ RATE_LIMIT_STORE: "memory" });
    g.__youragentRateLimit = undefined;
    expect(rateLimitStore()).toBeInstanceOf(MemoryRateLimitStore);
  });

  it("rejects any other value with a clear error", () => {
    restore = fakeEnv({ RATE_LIMIT_STORE: "redis" });
    expect(() => getEnv()).toThrow(/RATE_LIMIT_STORE/);
  });

  it("a store set explicitly wins over the switch", () => {
    restore = fakeEnv({ RATE_LIMIT_STORE: "postgres" });
    const store = new MemoryRateLimitStore();
    setRateLimitStore(store);
    expect(rateLimitStore()).toBe(store);
  });
});
