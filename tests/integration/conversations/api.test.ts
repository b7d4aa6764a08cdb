import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as messagesRoute } from "@/app/api/v1/conversations/[id]/messages/route";
import { GET as getOne } from "@/app/api/v1/conversations/[id]/route";
import { GET as listRoute } from "@/app/api/v1/conversations/route";
import { db } from "@/db";
import { apiKeyLookups } from "@/lib/api-keys/key-cache";
import { rateLimitStore } from "@/lib/rate-limit";
import type { PostgresRateLimitStore } from "@/lib/rate-limit/postgres-store";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg, fakeEnv } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";
import { chat, deleteConversation, seedConversations } from "./helpers";

const fake = fakeGeminiForEachTest();
let orgA: Awaited<ReturnType<typeof createTestOrg>>;
let agentA: Awaited<ReturnType<typeof createTestAgent>>;
let keyA: string;
let _writeA: string;
let keyB: string;
let agentsOnly: string;

beforeAll(async () => {
  fakeEnv({ EXPOSE_STATEMENT_COUNT: "1" });
  orgA = await createTestOrg();
  agentA = await createTestAgent(orgA);
  keyA = (await createTestApiKey(orgA, { scopes: ["conversations:read"] })).key;
  _writeA = (await createTestApiKey(orgA, { scopes: ["conversations:write"] })).key;
  agentsOnly = (await createTestApiKey(orgA, { scopes: ["agents:read", "agents:write"] })).key;
  const orgB = await createTestOrg();
  keyB = (await createTestApiKey(orgB, { scopes: ["conversations:read", "conversations:write"] })).key;
});

const list = (key: string, query = "") =>
  callRoute(listRoute, { path: `/api/v1/conversations${query}`, key });
const get = (key: string, id: string) =>
  callRoute(getOne, { path: `/api/v1/conversations/${id}`, key, params: { id } });

describe("conversations API", () => {
  it("tenancy and scopes: org B gets 404 for org A's conversation; agents scopes get 403", async () => {
    const v = await mintWidgetToken(agentA.publicId);
    const c = await chat(v.token, "hello");
    expect((await get(keyA, c.conversationId)).status).toBe(200);
    expect((await get(keyB, c.conversationId)).status).toBe(404);
    expect((await get(keyA, "not-a-uuid")).status).toBe(404);
    const msgs = (key: string) =>
      callRoute(messagesRoute, {
        path: `/api/v1/conversations/${c.conversationId}/messages`,
        key,
        params: { id: c.conversationId },
      });
    expect((await msgs(keyB)).status).toBe(404);
    expect((await msgs(keyA)).json.data).toHaveLength(2);
    expect((await list(keyB)).json.data.map((x: { id: string }) => x.id)).not.toContain(c.conversationId);
    const del = await deleteConversation(keyB, c.conversationId);
    expect(del.status).toBe(404);
    expect((await list(agentsOnly)).status).toBe(403);
    expect((await list(agentsOnly)).json.code).toBe("insufficient_scope");
    const readOnlyDelete = await deleteConversation(keyA, c.conversationId);
    expect(readOnlyDelete.status).toBe(403);
    expect((await get(keyA, c.conversationId)).status).toBe(200);
    expect(fake.calls).toHaveLength(1);
  });

  it("rejects bad filters with 422 and foreign cursors with 400", async () => {
    for (const q of ["?limit=0", "?limit=101", "?rating=meh", "?since=yesterday", "?agent_id=x"]) {
      const res = await list(keyA, q);
      expect(res.status, q).toBe(422);
    }
    expect((await list(keyA, "?cursor=garbage")).status).toBe(400);
  });

  it("keyset-pages 120 conversations in one statement per page plus the key lookup and the rate-limit hit", async () => {
    // The shared rate limit leases hits: it sends a statement on some requests only, so the
    // store says how many it sent.
    const store = rateLimitStore() as PostgresRateLimitStore;
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    const key = (await createTestApiKey(org, { scopes: ["conversations:read"] })).key;
    await seedConversations(agent, 120, 2);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const before = store.roundTrips;
      const lookups = apiKeyLookups();
      const res = await list(key, `?limit=50${cursor ? `&cursor=${cursor}` : ""}`);
      const rateLimit = store.roundTrips - before;
      const auth = apiKeyLookups() - lookups;
      expect(res.status).toBe(200);
      // The page: one statement, plus what the rate limit and the key lookup (when not cached) sent.
      expect(Number(res.headers.get("x-statement-count")) - rateLimit - auth).toBe(1);
      for (const c of res.json.data) seen.add(c.id);
      cursor = res.json.pagination.next_cursor;
      pages++;
      if (cursor) {
        // A cursor is bound to its filters: replayed with another filter it is invalid.
        expect((await list(key, `?rating=up&cursor=${cursor}`)).status).toBe(400);
      }
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.size).toBe(120);
  });

  it("search: q=refunds finds 'refund', ranked with a snippet; the plan uses the GIN index", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    const key = (await createTestApiKey(org, { scopes: ["conversations:read"] })).key;
    await seedConversations(agent, 30, 2);
    const v = await mintWidgetToken(agent.publicId);
    const hit = await chat(v.token, "Can I get a refund for a broken kettle?");
    const res = await list(key, "?q=refunds");
    expect(res.status).toBe(200);
    expect(res.json.data.map((c: { id: string }) => c.id)).toEqual([hit.conversationId]);
    expect(res.json.data[0].search.snippet).toContain("<mark>refund</mark>");

    // Visitor text around a match is escaped: the snippet carries no HTML but the <mark>s
    // (ts_headline drops whole tags itself, but not a stray `<`, quotes or `&`).
    const hostile = await chat(v.token, 'if 1<2 then refund "now" & <img src=x onerror=alert(1)>');
    const found = (await list(key, "?q=refund&limit=5")).json.data.find(
      (c: { id: string }) => c.id === hostile.conversationId,
    );
    expect(found.search.snippet).toContain("&lt;img");
    expect(found.search.snippet).toContain("&quot;now&quot; &amp;");
    expect(found.search.snippet.replaceAll("<mark>", "").replaceAll("</mark>", "")).not.toMatch(/[<>]/);
    expect(res.json.data[0].search.rank).toBeGreaterThan(0);
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await tx.execute<{ "QUERY PLAN": string }>(sql`explain select conversation_id
        from conversation_messages where search_vector @@ websearch_to_tsquery('english', 'refunds')`);
      return [...rows].map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("conversation_messages_search_idx");
  });
});
