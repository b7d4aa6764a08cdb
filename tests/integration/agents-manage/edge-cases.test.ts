import { beforeAll, describe, expect, it } from "vitest";
import { getActiveWidgetAgent } from "@/lib/widget/agent-cache";
import { createTestApiKey, createTestOrg, insertTestAgents } from "@/tests/fixtures";
import { agentRow, deleteAgent, patchAgent } from "@/tests/fixtures/agent-api";

// PATCH and DELETE at the edges: text Postgres cannot store, and the widget's cached copy.
describe("PATCH/DELETE edge cases", () => {
  let keyA: string;
  let a: { publicId: string }[];
  beforeAll(async () => {
    const org = await createTestOrg({ plan: "pro" });
    keyA = (await createTestApiKey(org)).key;
    a = await insertTestAgents(org, 3, { namePrefix: "Edge" });
  });

  it("PATCH refuses text Postgres cannot store (NUL, lone surrogates) with 422 on the field", async () => {
    const before = await agentRow(a[1]!.publicId);
    const res = await patchAgent(keyA, a[1]!.publicId, {
      description: "bad\u0000text",
      widget_config: { welcome_message: "\ud800" },
    });
    expect(res.status).toBe(422);
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["description", "widget_config.welcome_message"]));
    expect((await agentRow(a[1]!.publicId))!.updatedAt).toEqual(before!.updatedAt);
  });

  it("PATCH and DELETE drop the widget's cached copy so visitors see the change at once", async () => {
    const id = a[2]!.publicId;
    expect((await getActiveWidgetAgent(id))?.name).toBeDefined(); // now cached
    const renamed = `Renamed ${Date.now()}`;
    expect((await patchAgent(keyA, id, { name: renamed })).status).toBe(200);
    expect((await getActiveWidgetAgent(id))?.name).toBe(renamed);
    expect((await deleteAgent(keyA, id)).status).toBe(204);
    expect(await getActiveWidgetAgent(id)).toBeUndefined();
  });
});
