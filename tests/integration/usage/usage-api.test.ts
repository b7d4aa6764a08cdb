import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as usageRoute } from "@/app/api/v1/usage/route";
import { POST as messagesPost } from "@/app/api/widget/messages/route";
import { db } from "@/db";
import { agents, conversationMessages, conversations, organizations, usageDaily } from "@/db/schema";
import { apiKeyLookups } from "@/lib/api-keys/key-cache";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg, fakeEnv } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";

// GET /api/v1/usage (agents:read): the budget counter and the per-day aggregate, whose sums
// match the replies stored; garbage months are 422 at `month`; a fixed number of statements.
const fake = fakeGeminiForEachTest();

beforeAll(() => {
  fakeEnv({ EXPOSE_STATEMENT_COUNT: "1" });
});

const usage = (key: string, query = "") => callRoute(usageRoute, { path: `/api/v1/usage${query}`, key });

async function send(agentPublicId: string, message: string) {
  const { token } = await mintWidgetToken(agentPublicId);
  const res = await callRoute(messagesPost, {
    method: "POST",
    path: "/api/widget/messages",
    key: token,
    body: { message },
  });
  expect(res.text).toContain("event: done");
}

/** What the stored replies of an agent add up to. */
async function storedReplies(agentId: number) {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      input: sql<number>`coalesce(sum(${conversationMessages.inputTokens}), 0)::int`,
      output: sql<number>`coalesce(sum(${conversationMessages.outputTokens}), 0)::int`,
    })
    .from(conversationMessages)
    .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
    .where(and(eq(conversations.agentId, agentId), eq(conversationMessages.role, "assistant")));
  return row!;
}

describe("GET /api/v1/usage", () => {
  it("sums match the stored replies: messages, tokens, per agent (20 concurrent replies)", async () => {
    const org = await createTestOrg({ plan: "pro" });
    const { key } = await createTestApiKey(org, { scopes: ["agents:read"] });
    const a = await createTestAgent(org, { name: "Alpha" });
    const b = await createTestAgent(org, { name: "Beta" });
    fake.setHandler((call) => {
      const n = Number(call.userText.slice(1));
      return { text: `reply ${n}`, usage: { promptTokenCount: 100 + n, candidatesTokenCount: 10 + n } };
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(i < 14 ? a.publicId : b.publicId, `q${i}`)));
    const res = await usage(key);
    expect(res.status).toBe(200);
    const inputs = Array.from({ length: 20 }, (_, i) => 100 + i);
    const outputs = Array.from({ length: 20 }, (_, i) => 10 + i);
    const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(res.json).toMatchObject({
      object: "usage",
      month: new Date().toISOString().slice(0, 7),
      messages: { used: 20, limit: 50_000 },
      tokens: { input: total(inputs), output: total(outputs) },
    });
    const [sa, sb] = [await storedReplies(a.id), await storedReplies(b.id)];
    expect(res.json.by_agent).toEqual([
      {
        agent: { id: a.publicId, name: "Alpha" },
        messages: 14,
        input_tokens: sa.input,
        output_tokens: sa.output,
      },
      {
        agent: { id: b.publicId, name: "Beta" },
        messages: 6,
        input_tokens: sb.input,
        output_tokens: sb.output,
      },
    ]);
    expect([sa.n, sb.n]).toEqual([14, 6]);
    expect(sa.input + sb.input).toBe(total(inputs));
  });

  it("shows only the key's org; the limit is the override when set; a deleted agent still counts", async () => {
    const org = await createTestOrg();
    await db.update(organizations).set({ monthlyMessageLimit: 7 }).where(eq(organizations.id, org.id));
    const { key } = await createTestApiKey(org);
    const gone = await createTestAgent(org, { name: "Gone" });
    await send(gone.publicId, "q1");
    await db.delete(agents).where(eq(agents.id, gone.id));
    const other = await createTestOrg();
    await send((await createTestAgent(other)).publicId, "q2");
    const res = await usage(key);
    expect(res.json.messages).toEqual({ used: 1, limit: 7 });
    expect(res.json.by_agent).toEqual([
      { agent: null, messages: 1, input_tokens: 42, output_tokens: expect.any(Number) },
    ]);
  });

  it("another month reads that month only; an empty month is zeros", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const agent = await createTestAgent(org);
    await db.insert(usageDaily).values([
      {
        organizationId: org.id,
        day: "2025-03-31",
        agentId: agent.id,
        messages: 3,
        inputTokens: 30,
        outputTokens: 3,
      },
      {
        organizationId: org.id,
        day: "2025-04-01",
        agentId: agent.id,
        messages: 5,
        inputTokens: 50,
        outputTokens: 5,
      },
    ]);
    const march = await usage(key, "?month=2025-03");
    expect(march.json).toMatchObject({ month: "2025-03", tokens: { input: 30, output: 3 } });
    expect(march.json.by_agent[0]).toMatchObject({ messages: 3 });
    const empty = await usage(key, "?month=2024-02");
    expect(empty.json).toEqual({
      object: "usage",
      month: "2024-02",
      messages: { used: 0, limit: 1000 },
      tokens: { input: 0, output: 0 },
      by_agent: [],
    });
  });

  it("costs the same number of statements for 1 agent or 30", async () => {
    const org = await createTestOrg({ plan: "pro" });
    const { key } = await createTestApiKey(org);
    const agent = await createTestAgent(org);
    const day = new Date().toISOString().slice(0, 10);
    await db.insert(usageDaily).values({ organizationId: org.id, day, agentId: agent.id, messages: 1 });
    await usage(key); // the key's first use stamps last_used_at off the request path
    await new Promise((r) => setTimeout(r, 100));
    // Less the key lookup, which is sent only when this process has not cached the key.
    const statements = async () => {
      const lookups = apiKeyLookups();
      const res = await usage(key);
      return { res, n: Number(res.headers.get("x-statement-count")) - (apiKeyLookups() - lookups) };
    };
    const one = (await statements()).n;
    for (let i = 0; i < 29; i++) {
      const more = await createTestAgent(org);
      await db.insert(usageDaily).values({ organizationId: org.id, day, agentId: more.id, messages: 1 });
    }
    const { res, n } = await statements();
    expect(res.json.by_agent).toHaveLength(30);
    expect(n).toBe(one);
    expect(one).toBeLessThanOrEqual(4);
  });

  it("garbage or hostile months → 422 at month; other scopes → 403", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const bad = [
      "2026-13",
      "2026-00",
      "2026-1",
      "26-01",
      "1999-12",
      "2026-01-01",
      "2026-01%00",
      "%ED%A0%80",
      "2026-01'%20or%201=1--",
      "x".repeat(5000),
      "2026-01&month=2026-02",
    ];
    for (const month of bad) {
      const res = await usage(key, `?month=${month}`);
      expect(res.status, month.slice(0, 40)).toBe(422);
      expect(res.json.code).toBe("validation_failed");
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain("month");
    }
    const writer = await createTestApiKey(org, { scopes: ["agents:write"] });
    expect((await usage(writer.key)).status).toBe(403);
    expect((await callRoute(usageRoute, { path: "/api/v1/usage" })).status).toBe(401);
  });
});
