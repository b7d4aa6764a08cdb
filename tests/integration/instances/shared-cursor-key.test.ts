import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listGet } from "@/app/api/v1/agents/route";
import { db } from "@/db";
import { callRoute, createTestApiKey, createTestOrg, fakeEnv, insertTestAgents } from "@/tests/fixtures";

// Without AUTH_SECRET (dev, tests), a cursor made by one instance must decode on another: the
// key comes from a secret stored in the database, not from this process.
const g = globalThis as unknown as { __youragentCursorSecret?: string; __youragentCursorDevKey?: Buffer };

// For this file only: tests/setup/integration.ts puts the environment back when it ends.
beforeAll(() => {
  fakeEnv({ AUTH_SECRET: undefined });
});

describe("list cursors without AUTH_SECRET", () => {
  it("a cursor from one process decodes in another that shares only the database", async () => {
    const org = await createTestOrg({ plan: "enterprise" });
    const { key } = await createTestApiKey(org);
    await insertTestAgents(org, 5);
    const first = await callRoute(listGet, { path: "/api/v1/agents?limit=2", key });
    expect(first.status).toBe(200);
    const cursor = first.json.pagination.next_cursor as string;
    expect(cursor).toEqual(expect.any(String));

    // A fresh process: no secret in memory; a per-process random key would reject the cursor.
    g.__youragentCursorSecret = undefined;
    g.__youragentCursorDevKey = undefined;
    const next = await callRoute(listGet, { path: `/api/v1/agents?limit=2&cursor=${cursor}`, key });
    expect(next.status).toBe(200);
    expect(next.json.data).toHaveLength(2);
    expect(next.json.data[0].id).not.toBe(first.json.data[0].id);

    const rows = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from app_secrets where name = 'list-cursor'`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
