import { describe, expect, it } from "vitest";
import { POST as messagesPost } from "@/app/api/widget/messages/route";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg, fakeEnv } from "@/tests/fixtures";
import { agentRow, orgState, patchAgent, postAgent } from "@/tests/fixtures/agent-api";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";

// Promise 42: config.model must be on the org's plan (else 422 at config.model, nothing written);
// an agent stored with a model outside its plan keeps answering on the default model.
const fake = fakeGeminiForEachTest();

async function orgWithKey(plan: "free" | "pro" | "enterprise") {
  const org = await createTestOrg({ plan });
  return { org, key: (await createTestApiKey(org)).key };
}

const paths = (res: { json: { errors?: { path: string }[] } }) => res.json.errors?.map((e) => e.path);

async function chatModel(agentPublicId: string): Promise<string | undefined> {
  const { token } = await mintWidgetToken(agentPublicId);
  const res = await callRoute(messagesPost, {
    method: "POST",
    path: "/api/widget/messages",
    key: token,
    body: { message: "which model?" },
  });
  expect(res.text).toContain("event: done");
  return fake.calls.at(-1)?.model;
}

describe("models by plan", () => {
  it("POST with a model outside the plan → 422 at config.model and no agent", async () => {
    const { org, key } = await orgWithKey("free");
    const res = await postAgent(key, { name: "pro-on-free", config: { model: "gemini-2.5-pro" } });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe("validation_failed");
    expect(paths(res)).toEqual(["config.model"]);
    expect(res.json.errors[0].message).toContain("gemini-2.5-flash-lite");
    expect((await orgState(org.id)).agentCount).toBe(0);
    for (const model of ["anything-else", "GEMINI-2.5-FLASH", " gemini-2.5-pro"]) {
      const other = await postAgent(key, { name: `m-${model.length}`, config: { model } });
      expect(other.status, model).toBe(422);
      expect(paths(other)).toEqual(["config.model"]);
    }
    expect((await orgState(org.id)).agentCount).toBe(0);
  });

  it("each plan accepts its own models and the default model", async () => {
    const free = await orgWithKey("free");
    for (const model of ["gemini-2.5-flash-lite", "gemini-2.5-flash"]) {
      const res = await postAgent(free.key, { name: `free ${model}`, config: { model } });
      expect(res.status, model).toBe(201);
      expect(res.json.config.model).toBe(model);
    }
    const pro = await orgWithKey("pro");
    const res = await postAgent(pro.key, { name: "pro", config: { model: "gemini-2.5-pro" } });
    expect(res.status).toBe(201);
  });

  it("the operator's lists replace the examples; the default model stays allowed", async () => {
    fakeEnv({
      GEMINI_MODEL: "house-default",
      GEMINI_MODELS_FREE: "cheap-1, cheap-2",
      GEMINI_MODELS_ENTERPRISE: "big-1",
    });
    const free = await orgWithKey("free");
    expect((await postAgent(free.key, { name: "c2", config: { model: "cheap-2" } })).status).toBe(201);
    expect((await postAgent(free.key, { name: "hd", config: { model: "house-default" } })).status).toBe(201);
    const flash = await postAgent(free.key, { name: "fl", config: { model: "gemini-2.5-flash" } });
    expect(paths(flash)).toEqual(["config.model"]);
    const ent = await orgWithKey("enterprise");
    expect((await postAgent(ent.key, { name: "b1", config: { model: "big-1" } })).status).toBe(201);
    expect((await postAgent(ent.key, { name: "c1", config: { model: "cheap-1" } })).status).toBe(422);
  });

  it("PATCH to a model outside the plan → 422 at config.model and the agent unchanged", async () => {
    const { org, key } = await orgWithKey("free");
    const agent = await createTestAgent(org, { config: { model: "gemini-2.5-flash", temperature: 0.3 } });
    const res = await patchAgent(key, agent.publicId, { config: { model: "gemini-2.5-pro" } });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(["config.model"]);
    expect((await agentRow(agent.publicId))!.config).toEqual({ model: "gemini-2.5-flash", temperature: 0.3 });
    const ok = await patchAgent(key, agent.publicId, { config: { model: "gemini-2.5-flash-lite" } });
    expect(ok.status).toBe(200);
    expect(ok.json.config.model).toBe("gemini-2.5-flash-lite");
  });

  it("an agent stored with a model outside its plan answers on the default model and stays editable", async () => {
    const { org, key } = await orgWithKey("free");
    const agent = await createTestAgent(org, { config: { model: "gemini-2.5-pro" } });
    expect(await chatModel(agent.publicId)).toBe("gemini-2.5-flash");
    // Other config fields can still be changed; the stored model is left as it was.
    const res = await patchAgent(key, agent.publicId, { config: { temperature: 0.2 } });
    expect(res.status).toBe(200);
    expect(res.json.config).toMatchObject({ model: "gemini-2.5-pro", temperature: 0.2 });
    // The same agent on a plan that includes the model uses it.
    const pro = await createTestOrg({ plan: "pro" });
    const proAgent = await createTestAgent(pro, { config: { model: "gemini-2.5-pro" } });
    expect(await chatModel(proAgent.publicId)).toBe("gemini-2.5-pro");
  });
});
