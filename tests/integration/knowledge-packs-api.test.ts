import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/v1/agents/[id]/route";
import { GET as getPack } from "@/app/api/v1/knowledge-packs/[id]/route";
import { GET as listPacks, POST as postPack } from "@/app/api/v1/knowledge-packs/route";
import { GET as listPersonas } from "@/app/api/v1/personas/route";
import { db } from "@/db";
import { agents, knowledgePacks } from "@/db/schema";
import { PERSONAS } from "@/lib/personas";
import {
  callRoute,
  createTestAgent,
  createTestApiKey,
  createTestKnowledgePack,
  createTestOrg,
  insertTestAgents,
} from "@/tests/fixtures";

const post = (key: string, body: unknown, rawBody?: string) =>
  callRoute(postPack, {
    method: "POST",
    path: "/api/v1/knowledge-packs",
    key,
    body: rawBody === undefined ? body : undefined,
    rawBody,
    headers: rawBody === undefined ? undefined : { "content-type": "application/json" },
  });

async function packCount(organizationId: number) {
  const [r] = await db
    .select({ n: count() })
    .from(knowledgePacks)
    .where(eq(knowledgePacks.organizationId, organizationId));
  return r!.n;
}

describe("personas and knowledge packs API", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let key: string;
  let otherKey: string;
  beforeAll(async () => {
    org = await createTestOrg();
    key = (await createTestApiKey(org)).key;
    otherKey = (await createTestApiKey(await createTestOrg())).key;
  });

  it("GET /personas lists the built-ins with their default prompts", async () => {
    const res = await callRoute(listPersonas, { path: "/api/v1/personas", key });
    expect(res.status).toBe(200);
    expect(res.json.data.map((p: { key: string }) => p.key)).toEqual(PERSONAS.map((p) => p.key));
    expect(res.json.data[0]).toMatchObject({
      key: "assistant",
      name: expect.any(String),
      default_system_prompt: expect.any(String),
    });
    expect((await callRoute(listPersonas, { path: "/api/v1/personas" })).status).toBe(401);
  });

  it("POST creates a pack (201), lists it for its org only, 409 on a duplicate name", async () => {
    const res = await post(key, { name: "Returns", description: "policy", content: "30 days." });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ object: "knowledge_pack", name: "Returns", content_bytes: 8 });
    expect(res.headers.get("location")).toBe(`/api/v1/knowledge-packs/${res.json.id}`);
    const one = await callRoute(getPack, {
      path: res.headers.get("location")!,
      key,
      params: { id: res.json.id },
    });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: res.json.id, content: "30 days." });
    const foreign = await callRoute(getPack, { path: "/x", key: otherKey, params: { id: res.json.id } });
    expect(foreign.status).toBe(404);
    expect((await callRoute(getPack, { path: "/x", key, params: { id: "nope" } })).status).toBe(404);
    const dup = await post(key, { name: "returns", content: "" });
    expect(dup.status).toBe(409);
    const mine = await callRoute(listPacks, { path: "/api/v1/knowledge-packs", key });
    expect(mine.json.data.map((p: { id: string }) => p.id)).toContain(res.json.id);
    expect(mine.json.data[0].content).toBeUndefined();
    const theirs = await callRoute(listPacks, { path: "/api/v1/knowledge-packs", key: otherKey });
    expect(theirs.json.data).toHaveLength(0);
  });

  it("agent_count counts the agents on each pack, in this organization only", async () => {
    const own = await createTestOrg();
    const ownKey = (await createTestApiKey(own)).key;
    const used = await createTestKnowledgePack(own, { name: "Used twice", content: "" });
    const unused = await createTestKnowledgePack(own, { name: "Unused", content: "" });
    await createTestAgent(own, { knowledgePackId: used.id });
    await createTestAgent(own, { knowledgePackId: used.id });
    await createTestAgent(own);
    const res = await callRoute(listPacks, { path: "/api/v1/knowledge-packs", key: ownKey });
    const counts = Object.fromEntries(
      res.json.data.map((p: { id: string; agent_count: number }) => [p.id, p.agent_count]),
    );
    expect(counts).toEqual({ [used.publicId]: 2, [unused.publicId]: 0 });
  });

  it("content up to 200 KB is accepted through the 256 KiB body cap; more is 422 or 413", async () => {
    const big = "x".repeat(200 * 1024);
    const ok = await post(key, { name: "Big", content: big });
    expect(ok.status).toBe(201);
    expect(ok.json.content_bytes).toBe(200 * 1024);
    const over = await post(key, { name: "Too big", content: `${big}y` });
    expect(over.status).toBe(422);
    const huge = await post(key, { name: "Huge", content: "x".repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    const before = await packCount(org.id);
    expect((await post(key, { name: "X", extra: 1 })).status).toBe(422);
    expect((await post(key, undefined, "{not json")).status).toBe(400);
    expect(await packCount(org.id)).toBe(before);
  });

  it("fast-check: garbage to POST /knowledge-packs is only ever 2xx or 4xx", async () => {
    const postKey = (await createTestApiKey(org)).key;
    const garbage = fc.oneof(
      fc.anything(),
      fc.record(
        { name: fc.oneof(fc.string(), fc.anything()), description: fc.anything(), content: fc.anything() },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (body) => {
        const res = await post(postKey, undefined, JSON.stringify(body) ?? "null");
        expect(res.status, res.text).toBeLessThan(500);
        expect(res.status).not.toBe(429);
        if (res.status >= 400) expect(res.headers.get("content-type")).toContain("problem+json");
      }),
      { numRuns: 300 },
    );
  });

  it("fast-check: garbage to PATCH /agents/{id} is only ever 2xx or 4xx", async () => {
    // A fresh key: the per-key rate limit must not turn the later runs into 429s.
    const patchKey = (await createTestApiKey(org)).key;
    const [agent] = await insertTestAgents(org, 1);
    const id = agent!.publicId;
    const field = fc.constantFrom(
      "name",
      "description",
      "persona",
      "industry",
      "system_prompt",
      "knowledge_pack_id",
      "widget_config",
      "config",
      "allowed_origins",
      "use_optimized_prompt",
      "status",
      "auto_optimize",
      "id",
      "__proto__",
    );
    const value = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.uuid(),
      fc.constantFrom("support", "dark", "https://a.example", "active"),
      fc.dictionary(fc.constantFrom("theme", "position", "temperature", "language", "x"), fc.anything()),
    );
    const garbage = fc.oneof(fc.anything(), fc.dictionary(field, value, { maxKeys: 4 }));
    await fc.assert(
      fc.asyncProperty(garbage, async (body) => {
        const res = await callRoute(PATCH, {
          method: "PATCH",
          path: `/api/v1/agents/${id}`,
          key: patchKey,
          params: { id },
          rawBody: JSON.stringify(body) ?? "null",
          headers: { "content-type": "application/json" },
        });
        expect(res.status, `${JSON.stringify(body)} → ${res.text}`).toBeLessThan(500);
        expect(res.status).not.toBe(429);
      }),
      { numRuns: 400 },
    );
    const [row] = await db.select({ id: agents.id }).from(agents).where(eq(agents.publicId, id));
    expect(row).toBeDefined();
  });
});
