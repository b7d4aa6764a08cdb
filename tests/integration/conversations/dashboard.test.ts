import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { countStatements } from "@/db/query-counter";
import { prepareListCursorKey } from "@/lib/agents/list-cursor";
import {
  loadAgentConversations,
  loadInbox,
  loadTranscript,
  parseInboxSearch,
} from "@/lib/conversations/dashboard";
import { mintWidgetToken } from "@/lib/widget/token";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";
import { chat, seedConversations } from "./helpers";

fakeGeminiForEachTest();

describe("dashboard conversations loaders", () => {
  it("an inbox page is two statements whatever its size, filtered or searched; pages walk once", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    const other = await createTestAgent(org);
    await seedConversations(agent, 60, 2);
    await seedConversations(other, 5, 2, "Where is my refund, please?");
    // The cursor key is read from the database once per process; count steady-state pages.
    await prepareListCursorKey();
    for (const [search, size] of [
      [{}, 25],
      [parseInboxSearch({ q: "refunds" }), 5],
      [parseInboxSearch({ agent: agent.publicId, rating: "none" }), 25],
    ] as const) {
      const { result, statements } = await countStatements(() => loadInbox(org.id, search));
      expect(statements).toBe(2);
      expect(result.rows).toHaveLength(size);
    }
    const searched = await loadInbox(org.id, parseInboxSearch({ q: "refunds" }));
    expect(searched.rows.every((r) => r.agent.id === other.publicId)).toBe(true);
    expect(searched.rows[0]!.snippet).toContainEqual({ text: "refund", match: true });
    expect(searched.agents.map((a) => a.id).sort()).toEqual([agent.publicId, other.publicId].sort());

    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await loadInbox(org.id, { agent: agent.publicId, cursor });
      for (const r of page.rows) seen.add(r.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.size).toBe(60);
  });

  it("the user filter shows one verified user's conversations from every device, with name and email", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    const phone = await seedConversations(agent, 2, 2);
    const laptop = await seedConversations(agent, 1, 2);
    await seedConversations(agent, 3, 2);
    await db.execute(sql`update conversations set user_sub = 'ada-1', user_name = 'Ada', user_email = 'ada@example.com'
      where organization_id = ${org.id} and (visitor_id like ${`${phone}-%`} or visitor_id like ${`${laptop}-%`})`);
    const { rows } = await loadInbox(org.id, parseInboxSearch({ user: " ada-1 " }));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.user?.id === "ada-1" && r.user.email === "ada@example.com")).toBe(true);
    expect((await loadInbox(org.id, parseInboxSearch({ user: "ada-2" }))).rows).toEqual([]);
    expect((await loadInbox(org.id, parseInboxSearch({}))).rows).toHaveLength(6);
    // Another org's inbox never shows this user, whatever the filter says.
    expect((await loadInbox((await createTestOrg()).id, parseInboxSearch({ user: "ada-1" }))).rows).toEqual(
      [],
    );
    expect(parseInboxSearch({ user: "a\u0000b" })).toEqual({});
    expect(parseInboxSearch({ user: "x".repeat(256) })).toEqual({});
  });

  it("bad URL state falls back to no filter; a cursor of other filters restarts at page one", async () => {
    expect(parseInboxSearch({ agent: "nope", from: "yesterday", rating: "meh", q: "a\u0000b" })).toEqual({});
    expect(parseInboxSearch({ from: "2026-11-01", to: ["2026-11-30", "x"], rating: "down" })).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
      rating: "down",
    });
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    await seedConversations(agent, 30, 2);
    const first = await loadInbox(org.id, {});
    const replayed = await loadInbox(org.id, { rating: "none", cursor: first.nextCursor! });
    expect(replayed.staleCursor).toBe(true);
    expect(replayed.rows[0]!.id).toBe(first.rows[0]!.id);
  });

  it("the date range filters by last activity, inclusive of the end day", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    await seedConversations(agent, 3, 2);
    await db.execute(
      sql`update conversations set last_message_at = '2026-03-10T23:59:00Z' where agent_id = ${agent.id}`,
    );
    expect((await loadInbox(org.id, { from: "2026-03-10", to: "2026-03-10" })).rows).toHaveLength(3);
    expect((await loadInbox(org.id, { from: "2026-03-11" })).rows).toHaveLength(0);
    expect((await loadInbox(org.id, { to: "2026-03-09" })).rows).toHaveLength(0);
  });

  it("a transcript shows usage and feedback; another org's id is not found", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    const v = await mintWidgetToken(agent.publicId);
    const c = await chat(v.token, "hello");
    const t = await loadTranscript(org.id, c.conversationId);
    expect(t.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(t.messages[1]!.usage).not.toBeNull();
    const stranger = await createTestOrg();
    await expect(loadTranscript(stranger.id, c.conversationId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("an agent's panel: five latest and 30 days of counts in two statements", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    await seedConversations(agent, 8, 4);
    await db.execute(sql`update conversation_messages set feedback_rating = 'up'
      where role = 'assistant' and conversation_id in (select id from conversations where agent_id = ${agent.id})`);
    const { result, statements } = await countStatements(() => loadAgentConversations(org.id, agent));
    expect(statements).toBe(2);
    expect(result.recent).toHaveLength(5);
    expect(result.days).toHaveLength(30);
    const today = result.days.at(-1)!;
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(today).toMatchObject({ conversations: 8, messages: 32, up: 16, down: 0 });
    expect(result.days.slice(0, -1).every((d) => d.conversations === 0 && d.messages === 0)).toBe(true);
  });
});
