import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SIGN_IN_MAX_DELAY_MS } from "@/lib/auth/sign-in-throttle";
import {
  MemoryRateLimitStore,
  type RateLimitStore,
  rateLimitStore,
  setRateLimitStore,
} from "@/lib/rate-limit";
import { createTestUser, fakeEnv, uniqueSuffix } from "@/tests/fixtures";
import { authPost, type SignInResult, signInOverHttp } from "@/tests/fixtures/auth-http";

// The throttle's rules on a clock the test moves: the in-memory store reads Date.now(), while the
// default Postgres store counts on the database clock (its sharing across instances is proven in
// tests/integration/instances/shared-limits.test.ts). Each test uses its own addresses: the store
// is shared by the whole file.
let n = 0;
function ip() {
  n++;
  return `203.0.113.${(Number.parseInt(uniqueSuffix().slice(0, 2), 16) + n) % 250}`;
}

let sharedStore: RateLimitStore;
beforeAll(() => {
  sharedStore = rateLimitStore();
  setRateLimitStore(new MemoryRateLimitStore());
  fakeEnv({ AUTH_SECRET: process.env.AUTH_SECRET ?? "integration-secret-integration-secret" });
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => {
  setRateLimitStore(sharedStore);
});

describe("sign-in throttle (promise 32)", () => {
  it("50 failures for an account from X do not stop its owner from Y; X waits at most the documented delay", async () => {
    const user = await createTestUser(undefined);
    const [x, y] = [`198.51.100.${n++ % 250}`, `192.0.2.${n++ % 250}`];
    const outcomes: string[] = [];
    for (let i = 0; i < 50; i++)
      outcomes.push((await signInOverHttp(user.email, "wrong password!", x)).outcome);
    expect(outcomes.filter((o) => o === "wrong").length).toBe(5);
    expect(outcomes.slice(5).every((o) => o === "throttled")).toBe(true);

    expect((await signInOverHttp(user.email, user.password, y)).outcome).toBe("signed-in");

    const fromX = await signInOverHttp(user.email, user.password, x);
    expect(fromX.outcome).toBe("throttled");
    expect(fromX.retryAfter).toBeGreaterThan(0);
    expect(fromX.retryAfter! * 1000).toBeLessThanOrEqual(SIGN_IN_MAX_DELAY_MS);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + fromX.retryAfter! * 1000 });
    expect((await signInOverHttp(user.email, user.password, x)).outcome).toBe("signed-in");
  });

  it("signing in and out 20 times is never throttled (successes do not count)", async () => {
    const user = await createTestUser(undefined);
    const from = ip();
    for (let i = 0; i < 20; i++) {
      const r = await signInOverHttp(user.email, user.password, from);
      expect(r.outcome).toBe("signed-in");
      const out = await authPost("/api/auth/signout", {}, { ip: from, jar: r.jar });
      expect(out.status).toBe(302);
      expect(r.jar.get("authjs.session-token")).toBeUndefined();
    }
  });

  it("11 failures from one IP across many accounts: the 11th is throttled with Retry-After", async () => {
    const from = `100.64.${n++ % 250}.9`;
    const results: SignInResult[] = [];
    for (let i = 0; i < 11; i++) {
      results.push(
        await signInOverHttp(`nobody-${i}-${uniqueSuffix()}@example.test`, "wrong password!", from),
      );
    }
    expect(results.slice(0, 10).map((r) => r.outcome)).toEqual(Array(10).fill("wrong"));
    expect(results[10]!.outcome).toBe("throttled");
    expect(results[10]!.retryAfter).toBeGreaterThan(0);
    // Another address is unaffected.
    const user = await createTestUser(undefined);
    expect((await signInOverHttp(user.email, user.password, ip())).outcome).toBe("signed-in");
  });

  it("parallel guesses cannot all pass the check: at most the tier's allowance is verified", async () => {
    const user = await createTestUser(undefined);
    const from = ip();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => signInOverHttp(user.email, "wrong password!", from)),
    );
    expect(results.filter((r) => r.outcome === "wrong").length).toBeLessThanOrEqual(5);
  });
});
