import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as messagesPost } from "@/app/api/widget/messages/route";
import { db } from "@/db";
import { conversationMessages, conversations, organizations, orgMessageUsage } from "@/db/schema";
import { monthStart, secondsToNextMonth } from "@/lib/plans";
import { DEFAULT_OFFLINE_MESSAGE } from "@/lib/widget/display-config";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestOrg } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";

// Promise 42: the monthly message budget holds under concurrency, and a model failure before
// any text gives the message back.
const fake = fakeGeminiForEachTest();

/** An org whose month has `left` messages remaining of `limit` (some already used). */
async function orgWithBudget(limit: number, left: number) {
  const org = await createTestOrg();
  await db.update(organizations).set({ monthlyMessageLimit: limit }).where(eq(organizations.id, org.id));
  if (limit - left > 0)
    await db
      .insert(orgMessageUsage)
      .values({ organizationId: org.id, month: monthStart(), used: limit - left });
  const agent = await createTestAgent(org, { widgetConfig: { offline_message: "Back on Monday!" } });
  return { org, agent };
}

async function used(orgId: number) {
  const [row] = await db
    .select({ used: orgMessageUsage.used })
    .from(orgMessageUsage)
    .where(and(eq(orgMessageUsage.organizationId, orgId), eq(orgMessageUsage.month, monthStart())));
  return row?.used ?? 0;
}

async function sendAs(agentPublicId: string, message: string) {
  const { token } = await mintWidgetToken(agentPublicId);
  return callRoute(messagesPost, {
    method: "POST",
    path: "/api/widget/messages",
    key: token,
    body: { message },
  });
}

const replied = (r: { status: number; text: string }) => r.status === 200 && r.text.includes("event: done");

describe("monthly message budget", () => {
  it("200 concurrent messages with 50 left: exactly 50 replies, 150 quota_exhausted, 50 Gemini calls", async () => {
    const { org, agent } = await orgWithBudget(60, 50);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => sendAs(agent.publicId, `q${i}`)));
    const ok = results.filter(replied);
    const refused = results.filter((r) => r.status === 429);
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(fake.calls).toHaveLength(50);
    expect(await used(org.id)).toBe(60);
    for (const r of refused) expect(r.json.code).toBe("quota_exhausted");
    const retry = Number(refused[0]!.headers.get("retry-after"));
    // Seconds to the next UTC month, as of the refusal (the test takes well under a minute).
    expect(Math.abs(retry - secondsToNextMonth())).toBeLessThan(60);
    expect(refused[0]!.json.offline_message).toBe("Back on Monday!");
    // A refused message stores nothing: only the 50 answered conversations exist.
    const convs = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.agentId, agent.id));
    expect(convs).toHaveLength(50);
  });

  it("two orgs interleaved each get exactly their own remaining count", async () => {
    const a = await orgWithBudget(1000, 40);
    const b = await orgWithBudget(25, 25);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const who = i % 2 === 0 ? a : b;
        return sendAs(who.agent.publicId, `${i % 2 === 0 ? "a" : "b"}${i}`).then((r) => ({ who, r }));
      }),
    );
    const okA = results.filter((x) => x.who === a && replied(x.r)).length;
    const okB = results.filter((x) => x.who === b && replied(x.r)).length;
    expect([okA, okB]).toEqual([40, 25]);
    expect(results.filter((x) => x.r.status === 429)).toHaveLength(135);
    expect(fake.calls).toHaveLength(65);
    expect(fake.calls.filter((c) => c.userText.startsWith("a"))).toHaveLength(40);
    expect([await used(a.org.id), await used(b.org.id)]).toEqual([1000, 25]);
  });

  it("a Gemini failure before the first token gives the message back", async () => {
    const { org, agent } = await orgWithBudget(10, 1);
    fake.enqueue({ status: 500 });
    const failed = await sendAs(agent.publicId, "hello");
    expect(failed.status).toBe(200);
    expect(failed.text).toContain("event: error");
    expect(await used(org.id)).toBe(9);
    // The message given back is still there to spend.
    const again = await sendAs(agent.publicId, "hello again");
    expect(replied(again)).toBe(true);
    expect(await used(org.id)).toBe(10);
    const over = await sendAs(agent.publicId, "one more");
    expect(over.status).toBe(429);
    expect(fake.calls).toHaveLength(2);
  });

  it("counts per plan when there is no override, and the offline message has a default", async () => {
    const org = await createTestOrg({ plan: "free" });
    await db.insert(orgMessageUsage).values({ organizationId: org.id, month: monthStart(), used: 1000 });
    const agent = await createTestAgent(org);
    const res = await sendAs(agent.publicId, "hi");
    expect(res.status).toBe(429);
    expect(res.json.offline_message).toBe(DEFAULT_OFFLINE_MESSAGE);
    const msgs = await db
      .select({ id: conversationMessages.id })
      .from(conversationMessages)
      .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
      .where(eq(conversations.agentId, agent.id));
    expect(msgs).toHaveLength(0);
    expect(fake.calls).toHaveLength(0);
  });

  it("a limit near the int range (2,000,000,000) still answers: the threshold check cannot overflow", async () => {
    const { org, agent } = await orgWithBudget(2_000_000_000, 2_000_000_000);
    const res = await sendAs(agent.publicId, "hello");
    expect(replied(res)).toBe(true);
    expect(await used(org.id)).toBe(1);
  });
});
