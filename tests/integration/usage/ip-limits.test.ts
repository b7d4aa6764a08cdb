import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as messagesPost } from "@/app/api/widget/messages/route";
import { POST as sessionPost } from "@/app/api/widget/session/route";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { mintWidgetToken } from "@/lib/widget/token";
import { proxy } from "@/proxy";
import { callRoute, createTestAgent, createTestOrg, fakeEnv } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";

// Promises 33 and 42: one client address cannot mint sessions or send messages past its
// limits, whatever visitor ids it invents; another address still chats. The socket address
// travels in the server's stamped peer header, as scripts/serve.ts sets it.
const fake = fakeGeminiForEachTest();
let n = 0;
const freshIp = () => `203.0.113.${++n}`;
const from = (ip: string) => ({ [PEER_HEADER]: peerHeaderValue(ip) });

const viewEmbed = (agentId: string, ip: string) =>
  proxy(new NextRequest(`http://localhost/embed/${agentId}`, { headers: from(ip) }));

async function sendFrom(ip: string, agentId: string, message = "hello") {
  const { token } = await mintWidgetToken(agentId); // a new visitor id every time
  return callRoute(messagesPost, {
    method: "POST",
    path: "/api/widget/messages",
    key: token,
    headers: from(ip),
    body: { message },
  });
}

describe("per-IP widget limits", () => {
  it("one IP fetching /embed/{id} 200 times gets the configured number of pages, the rest a calm 429", async () => {
    fakeEnv({ WIDGET_IP_SESSION_RATE_LIMIT_PER_MINUTE: "12" });
    const agent = await createTestAgent(await createTestOrg());
    const ip = freshIp();
    const views = [];
    for (let i = 0; i < 200; i++) views.push(await viewEmbed(agent.publicId, ip));
    const passed = views.filter((r) => r.headers.get("x-middleware-next") === "1");
    const refused = views.filter((r) => r.status === 429);
    expect(passed).toHaveLength(12);
    expect(refused).toHaveLength(188);
    const page = await refused[0]!.text();
    expect(page).toContain("Too many chats from your network. Please try again in a minute.");
    expect(page).not.toMatch(/eyJ[A-Za-z0-9_-]+\./); // no session token on the refusal
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused[0]!.headers.get("content-security-policy")).toContain("frame-ancestors");
    // Another address still gets the chat page.
    expect((await viewEmbed(agent.publicId, freshIp())).headers.get("x-middleware-next")).toBe("1");
  });

  it("session refreshes share the IP's mint limit: 429 with Retry-After", async () => {
    fakeEnv({ WIDGET_IP_SESSION_RATE_LIMIT_PER_MINUTE: "3" });
    const agent = await createTestAgent(await createTestOrg());
    const ip = freshIp();
    await viewEmbed(agent.publicId, ip); // one mint by the page
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof callRoute>> | undefined;
    for (let i = 0; i < 5; i++) {
      const { token } = await mintWidgetToken(agent.publicId);
      const res = await callRoute(sessionPost, {
        method: "POST",
        path: "/api/widget/session",
        key: token,
        headers: from(ip),
      });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    expect(limited!.json.code).toBe("rate_limited");
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("one IP cannot send past its message limit whatever visitor ids it holds; a second IP still chats", async () => {
    fakeEnv({ WIDGET_IP_MESSAGE_RATE_LIMIT_PER_MINUTE: "5", WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE: "20" });
    const agent = await createTestAgent(await createTestOrg());
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: 20 }, () => sendFrom(ip, agent.publicId)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(15);
    expect(refused.every((r) => r.json.code === "rate_limited")).toBe(true);
    expect(refused[0]!.json.detail).toMatch(/network/);
    expect(fake.calls).toHaveLength(5);
    const other = await sendFrom(freshIp(), agent.publicId);
    expect(other.status).toBe(200);
    expect(other.text).toContain("event: done");
  });

  it("is checked before the per-agent limit, so one address cannot silence the agent for others", async () => {
    fakeEnv({ WIDGET_IP_MESSAGE_RATE_LIMIT_PER_MINUTE: "3", WIDGET_AGENT_RATE_LIMIT_PER_MINUTE: "6" });
    const agent = await createTestAgent(await createTestOrg());
    const noisy = freshIp();
    for (let i = 0; i < 30; i++) await sendFrom(noisy, agent.publicId);
    // The noisy address spent only its own 3 of the agent's 6: a real visitor still gets an answer.
    const visitor = await sendFrom(freshIp(), agent.publicId);
    expect(visitor.status).toBe(200);
  });
});
