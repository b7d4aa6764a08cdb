import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as messagesPost } from "@/app/api/widget/messages/route";
import { db } from "@/db";
import { conversationMessages, conversations } from "@/db/schema";
import { mintWidgetToken } from "@/lib/widget/token";
import { createTestAgent, createTestOrg, fakeEnv } from "@/tests/fixtures";
import { fakeGeminiForEachTest, useGemini } from "@/tests/fixtures/gemini";
import { postWidgetMessage, sseEvents } from "@/tests/fixtures/widget-routes";

const fake = fakeGeminiForEachTest();
let agent: Awaited<ReturnType<typeof createTestAgent>>;
let otherAgent: Awaited<ReturnType<typeof createTestAgent>>;

const send = postWidgetMessage;
const events = sseEvents;

beforeAll(async () => {
  const org = await createTestOrg();
  agent = await createTestAgent(org, { knowledge: "Returns are accepted within 30 days." });
  otherAgent = await createTestAgent(org);
});

describe("POST /api/widget/messages", () => {
  it("401s for a missing or forged token, 403s for another agent's session", async () => {
    expect((await send(undefined, { message: "hi" })).status).toBe(401);
    expect((await send("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", { message: "hi" })).status).toBe(401);
    const mine = await mintWidgetToken(agent.publicId);
    const res = await send(mine.token, { message: "hi", agent_id: otherAgent.publicId });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe("forbidden");
    // A conversation of another agent cannot be continued with this agent's session.
    const theirs = await mintWidgetToken(otherAgent.publicId);
    const started = await send(theirs.token, { message: "hello" });
    const convId = events(started.text)[0]?.data.conversation_id;
    const stolen = await send(mine.token, { message: "hi", conversation_id: convId });
    expect(stolen.status).toBe(403);
    expect(fake.calls).toHaveLength(1);
  });

  it("422s for an empty, too long or unknown-field body; nothing is written", async () => {
    const t = await mintWidgetToken(agent.publicId);
    for (const body of [
      { message: "" },
      { message: "   " },
      { message: "x".repeat(4001) },
      { message: "hi", admin: true },
      {},
    ]) {
      const res = await send(t.token, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(422);
      expect(res.json.code).toBe("validation_failed");
    }
    const rows = await db.select().from(conversations).where(eq(conversations.visitorId, t.visitorId));
    expect(rows).toHaveLength(0);
    expect(fake.calls).toHaveLength(0);
  });

  it("503 llm_not_configured without a Gemini key", async () => {
    useGemini(undefined);
    const t = await mintWidgetToken(agent.publicId);
    const res = await send(t.token, { message: "hello" });
    expect(res.status).toBe(503);
    expect(res.json.code).toBe("llm_not_configured");
  });

  it("streams the reply from Gemini with the prompt, knowledge and history, and persists both turns", async () => {
    const t = await mintWidgetToken(agent.publicId);
    fake.enqueue({ chunks: ["Hello", " from", " the fake."], chunkDelayMs: 5 });
    const first = await send(t.token, { message: "What is your returns policy?" });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toContain("text/event-stream");
    const ev = events(first.text);
    expect(ev.map((e) => e.event)).toEqual(["conversation", "delta", "delta", "delta", "done", "sources"]);
    expect(
      ev
        .filter((e) => e.event === "delta")
        .map((e) => e.data.text)
        .join(""),
    ).toBe("Hello from the fake.");
    const convId = ev[0]?.data.conversation_id as string;
    expect(fake.calls[0]?.method).toBe("streamGenerateContent");
    expect(fake.calls[0]?.systemText).toContain("SECRET-PROMPT");
    expect(fake.calls[0]?.systemText).toContain("Returns are accepted within 30 days.");

    const second = await send(t.token, { message: "And exchanges?", conversation_id: convId });
    expect(second.status).toBe(200);
    const contents = fake.calls[1]?.body.contents as { role: string; parts: { text: string }[] }[];
    expect(contents.map((c) => [c.role, c.parts[0]?.text])).toEqual([
      ["user", "What is your returns policy?"],
      ["model", "Hello from the fake."],
      ["user", "And exchanges?"],
    ]);
    const [conv] = await db.select().from(conversations).where(eq(conversations.publicId, convId));
    const msgs = await db
      .select({ role: conversationMessages.role, content: conversationMessages.content })
      .from(conversationMessages)
      .where(eq(conversationMessages.conversationId, conv!.id))
      .orderBy(conversationMessages.id);
    expect(msgs).toHaveLength(4);
    expect(msgs[0]).toEqual({ role: "user", content: "What is your returns policy?" });
    expect(msgs[3]?.role).toBe("assistant");
  });

  it("survives the visitor leaving mid-reply and keeps what was said", async () => {
    const t = await mintWidgetToken(agent.publicId);
    fake.enqueue({ chunks: ["Part one.", " Part two.", " Part three."], chunkDelayMs: 300 });
    const req = new Request("http://localhost/api/widget/messages", {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
      body: JSON.stringify({ message: "Tell me a long story" }),
    });
    const res = await messagesPost(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let seen = "";
    while (!seen.includes("Part one.")) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const convId = /"conversation_id":"([^"]+)"/.exec(seen)?.[1];
    const [conv] = await db.select().from(conversations).where(eq(conversations.publicId, convId!));
    // The partial reply is saved once the aborted model call unwinds.
    await expect
      .poll(async () =>
        (
          await db
            .select({ role: conversationMessages.role, content: conversationMessages.content })
            .from(conversationMessages)
            .where(eq(conversationMessages.conversationId, conv!.id))
            .orderBy(conversationMessages.id)
        ).map((m) => m.role),
      )
      .toEqual(["user", "assistant"]);
  });

  it("ends the stream with an error event when Gemini fails", async () => {
    const t = await mintWidgetToken(agent.publicId);
    fake.enqueue({ status: 400, errorMessage: "bad request" });
    const res = await send(t.token, { message: "hello" });
    expect(res.status).toBe(200);
    const ev = events(res.text);
    expect(ev.at(-1)?.event).toBe("error");
    expect(ev.at(-1)?.data.code).toBe("llm_unavailable");
  });

  it("429s past the per-agent limit across visitors", async () => {
    fakeEnv({ WIDGET_AGENT_RATE_LIMIT_PER_MINUTE: "2" });
    const busy = await createTestAgent(await createTestOrg());
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const visitor = await mintWidgetToken(busy.publicId);
      const res = await send(visitor.token, { message: `hello ${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(res.json.detail).toMatch(/very busy/);
      }
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    // Another agent is not affected.
    const calm = await createTestAgent(await createTestOrg());
    const other = await mintWidgetToken(calm.publicId);
    expect((await send(other.token, { message: "hi" })).status).toBe(200);
  });

  it("429s past the per-visitor limit with Retry-After; other visitors are unaffected", async () => {
    fakeEnv({ WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE: "3" });
    const t = await mintWidgetToken(agent.publicId);
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof send>> | undefined;
    // Up to 8 tries: even if a fixed window rolls over mid-test, the limit (3) is hit.
    for (let i = 0; i < 8 && !limited; i++) {
      const res = await send(t.token, { message: `m${i}` });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect(statuses).toContain(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited?.json.detail).toMatch(/wait a moment/);
    const fresh = await mintWidgetToken(agent.publicId);
    expect((await send(fresh.token, { message: "hi" })).status).toBe(200);
  });
});
