import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/agents/[id]/route";
import { db } from "@/db";
import { agents, auditEvents, organizations, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import {
  callRoute,
  createTestApiKey,
  createTestKnowledgePack,
  createTestOrg,
  insertTestAgents,
} from "@/tests/fixtures";
import { agentRow, auditsFor, deleteAgent, getAgent, patchAgent } from "@/tests/fixtures/agent-api";

// Reading, changing and deleting one agent through the real route handlers: scoping to the
// key's organization, strict PATCH validation, audits, and the after-commit webhook.
describe("GET/PATCH/DELETE /api/v1/agents/{id}", () => {
  let orgA: Awaited<ReturnType<typeof createTestOrg>>;
  let keyA: string;
  let keyB: string;
  let readOnlyA: string;
  let a: { publicId: string }[];
  let b: { publicId: string }[];
  let packA: { publicId: string };
  let packB: { publicId: string };

  beforeAll(async () => {
    orgA = await createTestOrg({ plan: "pro" });
    const orgB = await createTestOrg({ plan: "pro" });
    keyA = (await createTestApiKey(orgA)).key;
    readOnlyA = (await createTestApiKey(orgA, { scopes: ["agents:read"] })).key;
    keyB = (await createTestApiKey(orgB)).key;
    packA = await createTestKnowledgePack(orgA);
    packB = await createTestKnowledgePack(orgB);
    a = await insertTestAgents(orgA, 4, { namePrefix: "Alpha" });
    b = await insertTestAgents(orgB, 2, { namePrefix: "Bravo" });
  });

  it("GET returns the agent; malformed and unknown ids are 404 problem+json", async () => {
    const res = await getAgent(keyA, a[0]!.publicId);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ object: "agent", id: a[0]!.publicId, persona: { key: "assistant" } });
    for (const id of ["nope", "123", "00000000-0000-4000-8000-000000000000"]) {
      const r = await getAgent(keyA, id);
      expect(r.status).toBe(404);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("every route answers 404 for another org's id and leaves it untouched", async () => {
    const victim = b[0]!.publicId;
    const before = await agentRow(victim);
    expect((await getAgent(keyA, victim)).status).toBe(404);
    expect((await patchAgent(keyA, victim, { name: "Hijacked" })).status).toBe(404);
    expect((await deleteAgent(keyA, victim)).status).toBe(404);
    // organization_id naming the other org does not help either.
    const viaParam = await callRoute(GET, {
      path: `/api/v1/agents/${victim}?organization_id=${b[0]!.publicId}`,
      key: keyA,
      params: { id: victim },
    });
    expect(viaParam.status).toBe(403);
    expect(await agentRow(victim)).toEqual(before);
    expect(await auditsFor(victim)).toHaveLength(0);
    expect((await getAgent(keyB, victim)).status).toBe(200);
  });

  it("PATCH rejects unknown and read-only fields with 422 and writes nothing", async () => {
    const id = a[0]!.publicId;
    const before = await agentRow(id);
    for (const body of [
      { colour: "red" },
      { id: "00000000-0000-4000-8000-000000000000" },
      { organization_id: 1 },
      { optimized_system_prompt: "x" },
      { optimization_status: "succeeded" },
      { prompt_version: 9 },
      { created_at: "2020-01-01T00:00:00Z" },
      { name: "ok", created_by_user_id: 1 },
      {},
      { auto_optimize: true },
      { widget_config: { position: "middle" } },
      { config: { temperature: 3 } },
      { allowed_origins: ["https://a.example/path"] },
    ]) {
      const res = await patchAgent(keyA, id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.code).toBe("validation_failed");
    }
    expect(await agentRow(id)).toEqual(before);
    expect(await auditsFor(id)).toHaveLength(0);
  });

  it("PATCH changes fields, merges objects, and audits the changed field names", async () => {
    const id = a[1]!.publicId;
    const res = await patchAgent(keyA, id, {
      name: "Renamed agent",
      persona: "sales",
      knowledge_pack_id: packA.publicId,
      widget_config: { theme: "dark" },
      allowed_origins: ["https://shop.example.com"],
      status: "disabled",
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: "Renamed agent",
      persona: { key: "sales" },
      knowledge_pack: { id: packA.publicId },
      widget_config: { theme: "dark", position: "bottom-right" },
      allowed_origins: ["https://shop.example.com"],
      status: "disabled",
      prompt_version: 1,
    });
    const audits = await auditsFor(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "agent.updated", actorType: "api_key" });
    expect((audits[0]!.metadata.fields as string[]).sort()).toEqual(
      ["allowed_origins", "knowledge_pack_id", "name", "persona", "status", "widget_config"].sort(),
    );
    // Sending the same values again changes nothing and audits nothing (jsonb key order and
    // defaults filled in do not count as changes).
    expect((await patchAgent(keyA, id, { name: "Renamed agent" })).status).toBe(200);
    expect((await patchAgent(keyA, id, { widget_config: { theme: "dark", size: "medium" } })).status).toBe(
      200,
    );
    expect((await patchAgent(keyA, id, { config: { temperature: 0.7 } })).status).toBe(200);
    expect(await auditsFor(id)).toHaveLength(1);
    // Clearing the pack.
    const cleared = await patchAgent(keyA, id, { knowledge_pack_id: null });
    expect(cleared.json.knowledge_pack).toBeNull();
  });

  it("a changed system_prompt bumps the version and resets the optimization", async () => {
    const id = a[2]!.publicId;
    await db
      .update(agents)
      .set({ optimizedSystemPrompt: "old optimized", optimizationStatus: "succeeded" })
      .where(eq(agents.publicId, id));
    const res = await patchAgent(keyA, id, { system_prompt: "You are a new prompt." });
    expect(res.status).toBe(200);
    expect(res.json.prompt_version).toBe(2);
    expect(res.json.system_prompt).toBe("You are a new prompt.");
    expect(res.json.optimized_system_prompt).toBeNull();
    // Gemini is not configured in tests: requested optimization is `skipped`, like create.
    expect(res.json.optimization.status).toBe("skipped");
    const off = await patchAgent(keyA, id, { system_prompt: "Third prompt.", auto_optimize: false });
    expect(off.json.prompt_version).toBe(3);
    expect(off.json.optimization.status).toBe("not_requested");
    // The same prompt again is not a change.
    const same = await patchAgent(keyA, id, { system_prompt: "Third prompt." });
    expect(same.json.prompt_version).toBe(3);
  });

  it("name conflict → 409; another org's knowledge pack → 422; read-only key → 403", async () => {
    const id = a[3]!.publicId;
    const taken = (await agentRow(a[0]!.publicId))!.name;
    const conflict = await patchAgent(keyA, id, { name: taken.toUpperCase() });
    expect(conflict.status).toBe(409);
    expect(conflict.json.code).toBe("name_conflict");
    const foreignPack = await patchAgent(keyA, id, { knowledge_pack_id: packB.publicId });
    expect(foreignPack.status).toBe(422);
    expect(foreignPack.json.errors[0].path).toBe("knowledge_pack_id");
    expect((await patchAgent(readOnlyA, id, { name: "x" })).status).toBe(403);
    expect((await deleteAgent(readOnlyA, id)).status).toBe(403);
    expect(await auditsFor(id)).toHaveLength(0);
  });

  it("DELETE → 204, decrements agent_count, audits, queues agent.deleted; a second DELETE → 404", async () => {
    const id = a[3]!.publicId;
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({
        organizationId: orgA.id,
        url: "http://127.0.0.1:9/hook",
        secret: "whsec_dGVzdA==",
        events: ["agent.deleted"],
      })
      .returning();
    const [before] = await db.select().from(organizations).where(eq(organizations.id, orgA.id));
    const res = await deleteAgent(keyA, id);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(await agentRow(id)).toBeUndefined();
    const [after] = await db.select().from(organizations).where(eq(organizations.id, orgA.id));
    expect(after!.agentCount).toBe(before!.agentCount - 1);
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPublicId, id), eq(auditEvents.action, "agent.deleted")));
    expect(audits).toHaveLength(1);
    // The webhook delivery is queued after commit, off the request path.
    await expect
      .poll(async () =>
        (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint!.id))).map(
          (d) => (d.payload as { data: { agent_id: string } }).data.agent_id,
        ),
      )
      .toEqual([id]);
    expect((await deleteAgent(keyA, id)).status).toBe(404);
    expect((await getAgent(keyA, id)).status).toBe(404);
  });
});
