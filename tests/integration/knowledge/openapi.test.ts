import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { knowledgePackResourceSchema } from "@/lib/openapi/resources";
import {
  knowledgeSearchResultSchema,
  knowledgeSourceListSchema,
  knowledgeSourceResourceSchema,
} from "@/lib/openapi/resources-knowledge";
import { startFakeBackends } from "@/tests/fixtures/inngest";
import {
  createEmptyPack,
  ingestLikeInngest,
  knowledgeOrgForFile,
  listSources,
  patchPack,
  postSource,
  searchPack,
} from "@/tests/fixtures/knowledge";

// The knowledge routes answer what their OpenAPI schemas say (real responses parsed with them).
const file = knowledgeOrgForFile();
beforeAll(async () => {
  const b = await startFakeBackends();
  return () => b.close();
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
