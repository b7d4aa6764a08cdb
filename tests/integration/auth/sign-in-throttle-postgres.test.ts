import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAction } from "@/app/(auth)/actions";
import { initialActionState } from "@/lib/auth/action-state";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { rateLimitStore } from "@/lib/rate-limit";
import { PostgresRateLimitStore } from "@/lib/rate-limit/postgres-store";
import { createTestUser, fakeEnv, uniqueSuffix } from "@/tests/fixtures";
import { signInOverHttp } from "@/tests/fixtures/auth-http";

// The throttle's answer on the DEFAULT store (Postgres, as in production), through both doors:
// the sign-in form's server action and the Auth.js route. The rules themselves run on a movable
// clock in sign-in-throttle.test.ts. The action reads the request from next/headers, which only
// exists inside Next: the request is given here as the server would stamp it (socket address).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));

function fromIp(ip: string) {
  request.headers = new Headers({ [PEER_HEADER]: peerHeaderValue(ip), host: "localhost:3000" });
}

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

// The (account, IP) tier counts in fixed one-minute windows on the database clock (this
// machine's): start a run of guesses early in a window so it cannot straddle two.
async function earlyInAMinute() {
  const into = Date.now() % 60_000;
  if (into > 40_000) await new Promise((r) => setTimeout(r, 60_000 - into + 100));
}

beforeAll(() => {
  fakeEnv({ AUTH_SECRET: process.env.AUTH_SECRET ?? "integration-secret-integration-secret" });
});

describe("sign-in throttle on the Postgres store", () => {
  it("is the store in use", () => {
    expect(rateLimitStore()).toBeInstanceOf(PostgresRateLimitStore);
  });

  it("the form says how long to wait once the throttle fires, even for the right password", async () => {
    const user = await createTestUser(undefined);
    fromIp(`198.18.${Number.parseInt(uniqueSuffix().slice(0, 2), 16)}.7`);
    await earlyInAMinute();
    const errors: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      const state = await signInAction(
        initialActionState,
        form({ email: user.email, password: `wrong ${i}` }),
      );
      errors.push(state.ok ? "signed in" : state.error);
    }
    expect(errors.every((e) => e?.startsWith("Wrong email or password"))).toBe(true);

    const state = await signInAction(
      initialActionState,
      form({ email: user.email, password: user.password }),
    );
    expect(state.ok).toBe(false);
    const error = state.ok ? "" : (state.error ?? "");
    expect(error).toMatch(/^Too many failed sign-ins from your network\. Try again in \d+ seconds;/);
    const seconds = Number(/in (\d+) seconds/.exec(error)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
  });

  it("the route answers 429 with Retry-After once the throttle fires", async () => {
    const user = await createTestUser(undefined);
    const ip = `198.19.${Number.parseInt(uniqueSuffix().slice(0, 2), 16)}.7`;
    await earlyInAMinute();
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) outcomes.push((await signInOverHttp(user.email, `wrong ${i}`, ip)).outcome);
    expect(outcomes).toEqual(Array(5).fill("wrong"));
    const refused = await signInOverHttp(user.email, user.password, ip);
    expect(refused.outcome).toBe("throttled");
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
  });
});
