import { describe, expect, it } from "vitest";
import {
  DeadlineExceededError,
  describeDatabaseError,
  mapDatabaseError,
  withDeadline,
} from "@/lib/http/db-errors";

// The contract of API.md for database failures: unreachable or timed out → 503, a lock that
// cannot be taken → 409, both with Retry-After; anything else stays unknown (an opaque 500).
// Drizzle wraps driver errors ("Failed query: …" with the SQL and its parameters) in `cause`.
const pg = (code: string, message = "boom") => Object.assign(new Error(message), { code });
const wrapped = (cause: unknown) =>
  Object.assign(new Error("Failed query: select * from agents where id = $1\nparams: 42"), { cause });

describe("mapDatabaseError", () => {
  it.each([
    ["57014", 503], // statement_timeout
    ["25P03", 503], // idle_in_transaction_session_timeout
    ["ECONNREFUSED", 503],
    ["CONNECTION_CLOSED", 503],
    ["57P01", 503], // admin_shutdown
    ["53300", 503], // too many connections
    ["55P03", 409], // lock_not_available (lock_timeout)
  ])("maps %s (also when wrapped by Drizzle) to %i with Retry-After", (code, status) => {
    for (const e of [pg(code), wrapped(pg(code))]) {
      const mapped = mapDatabaseError(e);
      expect(mapped?.status).toBe(status);
      expect(Number(mapped?.headers?.["Retry-After"])).toBeGreaterThan(0);
    }
  });

  it("maps a request deadline to 503 and leaves other errors unmapped", () => {
    expect(mapDatabaseError(new DeadlineExceededError())?.status).toBe(503);
    expect(mapDatabaseError(pg("23505"))).toBeUndefined();
    expect(mapDatabaseError(new Error("plain"))).toBeUndefined();
  });
});

describe("describeDatabaseError", () => {
  it("keeps the driver code and message, never the SQL text or its parameters", () => {
    const text = describeDatabaseError(wrapped(pg("57014", "canceling statement due to statement timeout")));
    expect(text).toBe("57014: canceling statement due to statement timeout");
    expect(text).not.toMatch(/select|params|42/);
  });
});

describe("withDeadline", () => {
  it("rejects with DeadlineExceededError when the work outlives the deadline", async () => {
    const t0 = performance.now();
    await expect(withDeadline(50, () => new Promise((r) => setTimeout(r, 1_000)))).rejects.toBeInstanceOf(
      DeadlineExceededError,
    );
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
