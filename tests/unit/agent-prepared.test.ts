import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/db";
import { preparedAgentReads } from "@/db/queries/agent-read";
import * as schema from "@/db/schema";
import { fakeEnv } from "@/tests/fixtures/env";

// The prepared reads must be built once per Drizzle instance — through the lazy `db` proxy too,
// which hands out a fresh bound copy of `$client` on every access — and never for a transaction.
describe("preparedAgentReads", () => {
  it("returns the same prepared queries on every call for one instance, new ones for another", () => {
    const client = postgres("postgres://u:p@127.0.0.1:1/none", { max: 1 });
    const a = drizzle(client, { schema });
    const b = drizzle(client, { schema });
    expect(preparedAgentReads(a)).toBeDefined();
    expect(preparedAgentReads(a)).toBe(preparedAgentReads(a));
    expect(preparedAgentReads(b)).not.toBe(preparedAgentReads(a));
  });

  it("is stable through the app's lazy db proxy", () => {
    onTestFinished(fakeEnv({ DATABASE_URL: process.env.DATABASE_URL ?? "postgres://u:p@127.0.0.1:1/none" }));
    expect(preparedAgentReads(db)).toBe(preparedAgentReads(db));
  });

  it("is undefined for a transaction-like executor without $client", () => {
    const tx = { query: {} } as unknown as Parameters<typeof preparedAgentReads>[0];
    expect(preparedAgentReads(tx)).toBeUndefined();
  });
});
