import { beforeAll, describe, expect, it } from "vitest";
import { GET as getConversationRoute } from "@/app/api/v1/conversations/[id]/route";
import { GET as listRoute } from "@/app/api/v1/conversations/route";
import { GET as resumeRoute } from "@/app/api/widget/conversation/route";
import { POST as newConversationRoute } from "@/app/api/widget/conversations/route";
import { POST as feedbackRoute } from "@/app/api/widget/feedback/route";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";
import { postWidgetFeedback } from "@/tests/fixtures/widget-routes";
import { chat } from "./helpers";

const fake = fakeGeminiForEachTest();
let org: Awaited<ReturnType<typeof createTestOrg>>;
let agent: Awaited<ReturnType<typeof createTestAgent>>;
let otherAgent: Awaited<ReturnType<typeof createTestAgent>>;
let key: string;

const rate = postWidgetFeedback;
const resume = (token: string, secret?: string) =>
  callRoute(resumeRoute, {
    path: "/api/widget/conversation",
    key: token,
    headers: secret ? { "x-resume-secret": secret } : {},
  });
const getConv = (id: string) =>
  callRoute(getConversationRoute, { path: `/api/v1/conversations/${id}`, key, params: { id } });

beforeAll(async () => {
  org = await createTestOrg();
  agent = await createTestAgent(org);
  otherAgent = await createTestAgent(org);
  key = (await createTestApiKey(org, { scopes: ["conversations:read"] })).key;
});

describe("widget conversations", () => {
  it("three turns → listed with 6 messages, usage on the answers; the last rating counts", async () => {
    const v = await mintWidgetToken(agent.publicId);
    fake.enqueue({ text: "One.", usage: { promptTokenCount: 812, candidatesTokenCount: 96 } });
    const first = await chat(v.token, "Do you do refunds?");
    expect(first.status).toBe(200);
    expect(first.resumeSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = await chat(v.token, "And exchanges?", first.conversationId);
    expect(second.resumeSecret).toBeUndefined();
    await chat(v.token, "Thanks", first.conversationId);

    const list = await callRoute(listRoute, {
      path: `/api/v1/conversations?agent_id=${agent.publicId}`,
      key,
    });
    expect(list.status).toBe(200);
    const listed = list.json.data.find((c: { id: string }) => c.id === first.conversationId);
    expect(listed).toMatchObject({ message_count: 6, feedback: { up: 0, down: 0 }, user: null });

    const got = await getConv(first.conversationId);
    expect(got.status).toBe(200);
    expect(got.json.messages.map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(got.json.messages[1].usage).toEqual({ input_tokens: 812, output_tokens: 96 });
    expect(got.json.messages[0].usage).toBeNull();
    expect(got.json.messages[1].id).toBe(first.messageId);

    expect((await rate(v.token, { message_id: first.messageId, rating: "up" })).status).toBe(204);
    const down = await rate(v.token, { message_id: first.messageId, rating: "down", comment: "Not helpful" });
    expect(down.status).toBe(204);
    const after = await getConv(first.conversationId);
    expect(after.json.feedback).toEqual({ up: 0, down: 1 });
    expect(after.json.messages[1].feedback).toEqual({ rating: "down", comment: "Not helpful" });
    const downs = await callRoute(listRoute, { path: "/api/v1/conversations?rating=down", key });
    expect(downs.json.data.map((c: { id: string }) => c.id)).toContain(first.conversationId);
    const ups = await callRoute(listRoute, { path: "/api/v1/conversations?rating=up", key });
    expect(ups.json.data.map((c: { id: string }) => c.id)).not.toContain(first.conversationId);
  });

  it("promise 36: another visitor cannot rate or resume; a wrong or another agent's secret resumes nothing", async () => {
    const v1 = await mintWidgetToken(agent.publicId);
    const v2 = await mintWidgetToken(agent.publicId);
    const c1 = await chat(v1.token, "My order number is 1234");
    // Visitor 2 rating visitor 1's answer, or rating a user message: 404, nothing changes.
    expect((await rate(v2.token, { message_id: c1.messageId, rating: "down" })).status).toBe(404);
    const asOther = await mintWidgetToken(otherAgent.publicId, v1.visitorId);
    expect((await rate(asOther.token, { message_id: c1.messageId, rating: "down" })).status).toBe(404);
    const own = await getConv(c1.conversationId);
    const userMessageId = own.json.messages[0].id;
    expect((await rate(v1.token, { message_id: userMessageId, rating: "up" })).status).toBe(404);
    expect((await getConv(c1.conversationId)).json.feedback).toEqual({ up: 0, down: 0 });

    // Resume: only with the secret, only for its agent.
    expect((await resume(v2.token)).status).toBe(404);
    expect((await resume(v2.token, "A".repeat(43))).status).toBe(404);
    expect((await resume(v2.token, "short")).status).toBe(404);
    expect((await resume(asOther.token, c1.resumeSecret)).status).toBe(404);
    const reloaded = await mintWidgetToken(agent.publicId); // a reload mints a new visitor
    const res = await resume(reloaded.token, c1.resumeSecret);
    expect(res.status).toBe(200);
    expect(res.json.conversation_id).toBe(c1.conversationId);
    expect(res.json.messages.map((m: { content: string }) => m.content)[0]).toBe("My order number is 1234");
    // The returned session continues the same conversation and may rate its answers.
    expect((await rate(res.json.token, { message_id: c1.messageId, rating: "up" })).status).toBe(204);
    expect((await chat(res.json.token, "Still there?", c1.conversationId)).status).toBe(200);
  });

  it("starts a new conversation on request; garbage feedback bodies are 422 and write nothing", async () => {
    const v = await mintWidgetToken(agent.publicId);
    const started = await callRoute(newConversationRoute, {
      method: "POST",
      path: "/api/widget/conversations",
      key: v.token,
    });
    expect(started.status).toBe(201);
    expect(started.json.resume_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const res = await resume(v.token, started.json.resume_secret);
    expect(res.json).toMatchObject({ conversation_id: started.json.conversation_id, messages: [] });
    const c = await chat(v.token, "Hi", started.json.conversation_id);
    expect(c.conversationId).toBe(started.json.conversation_id);
    for (const body of [
      {},
      { message_id: c.messageId },
      { message_id: c.messageId, rating: "meh" },
      { message_id: "nope", rating: "up" },
      { message_id: c.messageId, rating: "up", comment: "x".repeat(1001) },
      { message_id: c.messageId, rating: "up", extra: 1 },
      [1, 2],
    ]) {
      const r = await rate(v.token, body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(422);
    }
    const raw = await callRoute(feedbackRoute, {
      method: "POST",
      path: "/api/widget/feedback",
      key: v.token,
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(raw.status).toBe(400);
    expect((await rate("garbage", { message_id: c.messageId, rating: "up" })).status).toBe(401);
    expect((await getConv(c.conversationId)).json.feedback).toEqual({ up: 0, down: 0 });
  });
});
