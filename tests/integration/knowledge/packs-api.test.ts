import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { agents, knowledgeChunks, knowledgePacks, knowledgeSources } from "@/db/schema";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { knowledgePackResourceSchema } from "@/lib/openapi/resources";
import {
  knowledgeSearchResultSchema,
  knowledgeSourceListSchema,
  knowledgeSourceResourceSchema,
} from "@/lib/openapi/resources-knowledge";
import { createTestAgent, createTestKnowledgePack } from "@/tests/fixtures";
import { bodyWith, expectRejected, timedCall } from "@/tests/fixtures/hostile";
import {
  createEmptyPack,
  deletePack,
  ingestLikeInngest,
  knowledgeOrgForFile,
  listSources,
  patchPack,
  postSource,
  searchPack,
} from "@/tests/fixtures/knowledge";

// PATCH/DELETE of packs (content follows as the pack's own source, language re-indexes), the
// responses against their OpenAPI schemas, and promise 29 for every knowledge write route: hostile JSON is a 4xx within a second, nothing written.
const file = knowledgeOrgForFile();
const json = { "content-type": "application/json" };

describe("PATCH and DELETE /api/v1/knowledge-packs/{id}", () => {
  it("new content replaces the pack's own text source and is re-ingested; emptied, it goes", async () => {
    const pack = await createTestKnowledgePack(file.org, { content: "Old hours: nine to five." });
    const res = await patchPack(file.key, pack.publicId, { body: { content: "Open late on Thursdays." } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: pack.publicId,
      content: "Open late on Thursdays.",
      language: "english",
    });
    const [own] = (await listSources(file.key, pack.publicId)).json.data;
    expect(own).toMatchObject({ type: "text", status: "pending" });
    await ingestLikeInngest(file.org.id, own.id);
    expect((await searchPack(file.key, pack.publicId, "thursday")).json.data).toHaveLength(1);
    expect((await searchPack(file.key, pack.publicId, "five")).json.data).toHaveLength(0);
    await patchPack(file.key, pack.publicId, { body: { content: "" } });
    expect((await listSources(file.key, pack.publicId)).json.data).toEqual([]);
  });

  it("language must be a text search configuration; a change re-indexes the passages", async () => {
    const pack = await createTestKnowledgePack(file.org, { content: "Wir liefern Pakete schnell." });
    const bad = await patchPack(file.key, pack.publicId, { body: { language: "klingon" } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe("language");
    const ok = await patchPack(file.key, pack.publicId, { body: { language: "german" } });
    expect(ok.json.language).toBe("german");
    const [chunk] = await db
      .select({ language: knowledgeChunks.language })
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.packId, pack.id));
    expect(chunk?.language).toBe("german");
    // German stemming: "Paket" finds "Pakete".
    expect((await searchPack(file.key, pack.publicId, "Paket")).json.data).toHaveLength(1);
  });

  it("DELETE removes the pack with its sources; agents keep running without it; 404 after", async () => {
    const pack = await createTestKnowledgePack(file.org, { content: "Doomed." });
    const agent = await createTestAgent(file.org, { knowledgePackId: pack.id });
    expect((await deletePack(file.otherKey, pack.publicId)).status).toBe(404);
    expect((await deletePack(file.agentsOnlyKey, pack.publicId)).status).toBe(403);
    expect((await deletePack(file.key, pack.publicId)).status).toBe(204);
    expect((await deletePack(file.key, pack.publicId)).status).toBe(404);
    expect(await db.select().from(knowledgeSources).where(eq(knowledgeSources.packId, pack.id))).toEqual([]);
    const [a] = await db.select({ pack: agents.knowledgePackId }).from(agents).where(eq(agents.id, agent.id));
    expect(a?.pack).toBeNull();
  });
});

describe("hostile JSON to the knowledge write routes", () => {
  it("POST …/sources and PATCH …/{id}: 4xx within 1 s, nothing written", async () => {
    const pack = await createEmptyPack(file.org);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          bodyWith("content", '"type":"text","title":"t",'),
          bodyWith("title", '"type":"text","content":"c",'),
          bodyWith("url", '"type":"url",'),
          bodyWith("type", ""),
        ),
        async (raw) => {
          const r = await timedCall(() =>
            postSource(file.key, pack.publicId, { rawBody: raw, headers: json }),
          );
          expectRejected(r, raw.slice(0, 60));
        },
      ),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(bodyWith("name", ""), bodyWith("language", ""), bodyWith("content", "")),
        async (raw) => {
          const r = await timedCall(() =>
            patchPack(file.key, pack.publicId, { rawBody: raw, headers: json }),
          );
          expectRejected(r, raw.slice(0, 60));
        },
      ),
      { numRuns: 30 },
    );
    expect((await listSources(file.key, pack.publicId)).json.data).toEqual([]);
    const [row] = await db.select().from(knowledgePacks).where(eq(knowledgePacks.id, pack.id));
    expect(row?.name).toBe(pack.name);
  });

  it("garbage multipart bodies are a 4xx, never a 5xx", async () => {
    const pack = await createEmptyPack(file.org);
    for (const body of [
      "not multipart at all",
      '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nunterminated',
      "",
    ]) {
      const req = new Request(`http://localhost/api/v1/knowledge-packs/${pack.publicId}/sources`, {
        method: "POST",
        headers: { authorization: `Bearer ${file.key}`, "content-type": "multipart/form-data; boundary=x" },
        body,
      });
      const { POST } = await import("@/app/api/v1/knowledge-packs/[id]/sources/route");
      const res = await POST(req, { params: Promise.resolve({ id: pack.publicId }) });
      expect(res.status, body.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await listSources(file.key, pack.publicId)).json.data).toEqual([]);
  });
});

describe("knowledge OpenAPI", () => {
  it("documents the routes and the responses match the schemas", async () => {
    const doc = buildOpenApiDocument();
    expect(doc.paths?.["/api/v1/knowledge-packs/{id}/sources"]).toHaveProperty("post");
    const pack = await createEmptyPack(file.org);
    const added = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "T", content: "Kettles." },
    });
    expect(knowledgeSourceResourceSchema.safeParse(added.json).success).toBe(true);
    await ingestLikeInngest(file.org.id, added.json.id);
    expect(
      knowledgeSourceListSchema.safeParse((await listSources(file.key, pack.publicId)).json).error,
    ).toBeUndefined();
    expect(
      knowledgeSearchResultSchema.safeParse((await searchPack(file.key, pack.publicId, "kettle")).json).error,
    ).toBeUndefined();
    const patched = await patchPack(file.key, pack.publicId, { body: { name: "Renamed" } });
    expect(knowledgePackResourceSchema.safeParse(patched.json).error).toBeUndefined();
  });
});
