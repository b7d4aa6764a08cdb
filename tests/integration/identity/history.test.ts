import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as eraseRoute, GET as listRoute } from "@/app/api/v1/conversations/route";
import { GET as resumeRoute } from "@/app/api/widget/conversation/route";
import { GET as historyRoute } from "@/app/api/widget/conversations/route";
import { mintWidgetToken } from "@/lib/widget/token";
import {
  callRoute,
  createIdentityAgent,
  createTestAgent,
  createTestApiKey,
  createTestOrg,
  exchangeIdentityToken,
  fakeEnv,
  setIdentityMode,
  signIdentity,
} from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";
import { chat } from "../conversations/helpers";

// A verified user's conversations are theirs on every device (promise 36), nobody else's; the
// API shows and erases them by user_id; rate limits count per user (acceptance 5, in-process).
const fake = fakeGeminiForEachTest();
let key: string;
let agentId: string;
let secret: string;

beforeAll(async () => {
  ({ key, agentId, secret } = await createIdentityAgent("optional"));
});

/** A new device: no session yet, the site's token for `sub` → a session of its own visitor id. */
async function device(sub: string, extra: Record<string, unknown> = {}) {
  const res = await exchangeIdentityToken(agentId, await signIdentity(secret, { sub, ...extra }));
  expect(res.status).toBe(200);
  return res.json.token as string;
}
const resume = (token: string, headers: Record<string, string> = {}) =>
  callRoute(resumeRoute, { path: "/api/widget/conversation", key: token, headers });

describe("verified visitors across devices", () => {
  it("the same sub resumes and continues its conversation on another device; another sub cannot", async () => {
    const sub = `alice-${Date.now()}`;
    const phone = await device(sub, { name: "Alice", email: "alice@example.com" });
    fake.enqueue({ text: "Hi Alice." });
    const first = await chat(phone, "hello from the phone");
    expect(first.status).toBe(200);

    const laptop = await device(sub);
    const resumed = await resume(laptop);
    expect(resumed.status).toBe(200);
    expect(resumed.json.conversation_id).toBe(first.conversationId);
    expect(resumed.json.messages.map((m: { content: string }) => m.content)).toEqual([
      "hello from the phone",
      "Hi Alice.",
    ]);
    fake.enqueue({ text: "Still here." });
    expect((await chat(laptop, "and from the laptop", first.conversationId)).status).toBe(200);

    const bob = await device(`bob-${Date.now()}`);
    expect((await resume(bob)).status).toBe(404);
    expect((await chat(bob, "let me in", first.conversationId)).status).toBe(403);
    expect((await resume(bob, { "x-resume-secret": first.resumeSecret as string })).status).toBe(404);
    const anonymous = await mintWidgetToken(agentId);
    expect((await chat(anonymous.token, "me too", first.conversationId)).status).toBe(403);

    // The widget's history list (the laptop starts a second conversation first).
    fake.enqueue({ text: "New one." });
    const second = await chat(laptop, "a new question");
    const history = await callRoute(historyRoute, { path: "/api/widget/conversations", key: phone });
    expect(
      history.json.data.map((c: { conversation_id: string; preview: string | null }) => [
        c.conversation_id,
        c.preview,
      ]),
    ).toEqual([
      [second.conversationId, "a new question"],
      [first.conversationId, "hello from the phone"],
    ]);
    expect(
      (await callRoute(historyRoute, { path: "/api/widget/conversations", key: bob })).json.data,
    ).toEqual([]);

    // Dashboard/API: shown with the user; filtered by user_id; erased by user_id on every device.
    const listed = await callRoute(listRoute, { path: `/api/v1/conversations?user_id=${sub}`, key });
    expect(listed.json.data).toHaveLength(2);
    expect(listed.json.data[1].user).toEqual({ id: sub, name: "Alice", email: "alice@example.com" });
    const erased = await callRoute(eraseRoute, {
      method: "DELETE",
      path: `/api/v1/conversations?user_id=${sub}`,
      key,
    });
    expect(erased.status).toBe(204);
    expect(
      (await callRoute(listRoute, { path: `/api/v1/conversations?user_id=${sub}`, key })).json.data,
    ).toEqual([]);
    expect((await resume(phone)).status).toBe(404);
  });

  it("optional: an anonymous visitor still chats", async () => {
    const anonymous = await mintWidgetToken(agentId);
    fake.enqueue({ text: "Hello stranger." });
    expect((await chat(anonymous.token, "hi")).status).toBe(200);
  });

  it("required: no session without a valid token, and an anonymous session is refused", async () => {
    const { key: k, agentId: strict } = await createIdentityAgent("off");
    const before = await mintWidgetToken(strict); // minted while identity was off
    await setIdentityMode(k, strict, "required");
    expect((await exchangeIdentityToken(strict, undefined)).status).toBe(401);
    expect((await exchangeIdentityToken(strict, undefined, before.token)).status).toBe(401);
    expect((await chat(before.token, "hi")).status).toBe(401);
  });

  it("turning identity on needs a secret first (422, nothing changed)", async () => {
    const org = await createTestOrg();
    const k = (await createTestApiKey(org)).key;
    const a = (await createTestAgent(org)).publicId;
    await expect(setIdentityMode(k, a, "required")).rejects.toThrow(/422/);
  });

  it("per-user limits: one user over two devices is limited as one; another user still chats", async () => {
    fakeEnv({ WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE: "3" });
    const sub = `carol-${Date.now()}`;
    const one = await device(sub);
    const two = await device(sub);
    const statuses: number[] = [];
    for (const token of [one, two, one, two, one]) {
      fake.enqueue({ text: "ok" });
      statuses.push((await chat(token, "ping")).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    fake.enqueue({ text: "ok" });
    expect((await chat(await device(`dave-${Date.now()}`), "ping")).status).toBe(200);
  });
});
