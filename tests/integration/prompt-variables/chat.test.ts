import { beforeAll, describe, expect, it } from "vitest";
import { POST as messagesPost } from "@/app/api/widget/messages/route";
import { PERSONAS } from "@/lib/personas";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { postAgent } from "@/tests/fixtures/agent-api";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";

// A persona template says {company}; the model must be told the organization's name instead.
const fake = fakeGeminiForEachTest();
let org: Awaited<ReturnType<typeof createTestOrg>>;
let key: string;

beforeAll(async () => {
  org = await createTestOrg({ plan: "enterprise" });
  key = (await createTestApiKey(org)).key;
});

async function chatOnce(agentPublicId: string) {
  const t = await mintWidgetToken(agentPublicId);
  const res = await callRoute(messagesPost, {
    method: "POST",
    path: "/api/widget/messages",
    key: t.token,
    body: { message: "Who are you?" },
  });
  expect(res.status).toBe(200);
  expect(fake.calls).toHaveLength(1);
  return fake.calls[0]!.systemText;
}

describe("prompt variables at chat time", () => {
  it("an agent made from a persona template sends Gemini its org's name where the template says {company}", async () => {
    const template = PERSONAS.find((p) => p.key === "assistant")!.defaultSystemPrompt;
    expect(template).toContain("{company}");
    const created = await postAgent(key, {
      name: "Template agent",
      persona: "assistant",
      auto_optimize: false,
    });
    expect(created.status).toBe(201);
    const system = await chatOnce(created.json.id);
    expect(system).toContain(`You are a helpful assistant for ${org.name}.`);
    expect(system).not.toContain("{company}");
  });

  it("fills {agent} and {date} (UTC) and leaves unknown braces as written", async () => {
    const created = await postAgent(key, {
      name: "Brace agent",
      persona: "assistant",
      system_prompt: "I am {agent} of {company}. Today is {date}. Ask for your {order_number}.",
      auto_optimize: false,
    });
    expect(created.status).toBe(201);
    const before = new Date().toISOString().slice(0, 10);
    const system = await chatOnce(created.json.id);
    const after = new Date().toISOString().slice(0, 10);
    const date = /Today is (\d{4}-\d{2}-\d{2})\./.exec(system)?.[1];
    expect([before, after]).toContain(date);
    expect(system).toContain(`I am Brace agent of ${org.name}.`);
    expect(system).toContain("Ask for your {order_number}.");
  });
});
