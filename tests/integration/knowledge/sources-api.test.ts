import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents, knowledgeSources } from "@/db/schema";
import { requestDueSyncs } from "@/lib/knowledge/ingest/function";
import { createTestKnowledgePack } from "@/tests/fixtures";
import {
  chunkRows,
  createEmptyPack,
  deleteSource,
  getSource,
  ingestLikeInngest,
  knowledgeOrgForFile,
  listSources,
  postSource,
  resyncSource,
  searchPack,
  sourceRow,
  uploadSource,
} from "@/tests/fixtures/knowledge";

// The sources API end to end on text sources: add (202 pending, event after commit), ingest,
// list, search with scores, re-sync, delete; scopes and tenancy.
const file = knowledgeOrgForFile();

const RETURNS = [
  "# Returns",
  "Customers may return unworn shoes within 60 days of delivery for a full refund.",
  "",
  "## Damaged parcels",
  "Report a damaged parcel within 48 hours with a photo; we send a replacement at no cost.",
].join("\n");

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("knowledge sources API", () => {
  it("adds a text source (202 pending, sync event after commit), ingests it to ready and searches it", async () => {
    const pack = await createEmptyPack(file.org);
    const res = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "Returns policy", content: RETURNS },
    });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      object: "knowledge_source",
      type: "text",
      title: "Returns policy",
      status: "pending",
      chunks: 0,
      sync: "manual",
    });
    const event = await eventually(
      async () => file.backends.inngest.events.find((e) => e.data.source_public_id === res.json.id),
      Boolean,
    );
    expect(event?.name).toBe("knowledge/source.sync.requested");

    const run = await ingestLikeInngest(file.org.id, res.json.id);
    expect(run.error).toBeUndefined();
    const ready = await getSource(file.key, pack.publicId, res.json.id);
    expect(ready.json).toMatchObject({ status: "ready", error: null, progress: { done: 1, total: 1 } });
    const chunks = await chunkRows(res.json.id);
    expect(ready.json.chunks).toBe(chunks.length);
    expect(chunks.length).toBeGreaterThan(0);
    expect(ready.json.last_synced_at).not.toBeNull();

    const found = await searchPack(file.key, pack.publicId, "my parcel arrived damaged, what now?");
    expect(found.status).toBe(200);
    expect(found.json.data[0]).toMatchObject({
      rank: 1,
      source: { id: res.json.id, title: "Returns policy" },
    });
    expect(found.json.data[0].text).toContain("48 hours");
    expect(found.json.data[0].score).toBeGreaterThan(0);
    const none = await searchPack(file.key, pack.publicId, "quantum chromodynamics");
    expect(none.json.data).toEqual([]);
  });

  it("re-sync keeps the old passages searchable until the new ones are indexed, then swaps them", async () => {
    const pack = await createEmptyPack(file.org);
    const res = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "T", content: RETURNS },
    });
    await ingestLikeInngest(file.org.id, res.json.id);
    const before = (await chunkRows(res.json.id)).map((c) => c.id);
    const again = await resyncSource(file.key, pack.publicId, res.json.id);
    expect(again.status).toBe(202);
    expect(again.json.status).toBe("pending");
    // Pending: the previous generation still answers.
    expect((await searchPack(file.key, pack.publicId, "refund")).json.data.length).toBeGreaterThan(0);
    await ingestLikeInngest(file.org.id, res.json.id);
    const after = await chunkRows(res.json.id);
    expect(after.length).toBe(before.length);
    expect(after.some((c) => before.includes(c.id))).toBe(false);
    expect((await sourceRow(res.json.id))?.generation).toBe(2);
  });

  it("lists a pack's sources; deletes one (204) and its passages stop answering", async () => {
    const pack = await createTestKnowledgePack(file.org, { content: "Our shop opens at nine." });
    const added = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "Hours", content: RETURNS },
    });
    await ingestLikeInngest(file.org.id, added.json.id);
    const list = await listSources(file.key, pack.publicId);
    expect(list.status).toBe(200);
    expect(list.json.data.map((s: { title: string }) => s.title)).toEqual([pack.name, "Hours"]);
    expect((await deleteSource(file.key, pack.publicId, added.json.id)).status).toBe(204);
    expect((await deleteSource(file.key, pack.publicId, added.json.id)).status).toBe(404);
    expect(await chunkRows(added.json.id)).toEqual([]);
    expect((await searchPack(file.key, pack.publicId, "refund")).json.data).toEqual([]);
    const audits = await db.select({ action: auditEvents.action }).from(auditEvents);
    expect(audits.map((a) => a.action)).toContain("knowledge_source.deleted");
  });

  it("422 for bad bodies, 415 for other content types; nothing written", async () => {
    const pack = await createEmptyPack(file.org);
    for (const body of [
      { type: "text", title: "", content: "x" },
      { type: "text", title: "t", content: "   " },
      { type: "text", title: "t", content: "x".repeat(1024 * 1024 + 1) },
      { type: "url", url: "ftp://example.com/" },
      { type: "url", url: "https://user:pw@example.com/" },
      { type: "url", url: "https://example.com/", crawl: "everything" },
      { type: "pdf", url: "https://example.com/" },
      { type: "text", title: "t", content: "x", admin: true },
    ]) {
      const r = await postSource(file.key, pack.publicId, { body });
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(422);
    }
    const xml = await postSource(file.key, pack.publicId, {
      rawBody: "<a/>",
      headers: { "content-type": "application/xml" },
    });
    expect(xml.status).toBe(415);
    const form = new FormData();
    form.set(
      "file",
      new Blob([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], { type: "application/x-msdownload" }),
      "tool.exe",
    );
    expect((await uploadSource(file.key, pack.publicId, form)).status).toBe(415);
    const two = new FormData();
    two.append("file", new Blob(["a"], { type: "text/plain" }), "a.txt");
    two.append("file", new Blob(["b"], { type: "text/plain" }), "b.txt");
    expect((await uploadSource(file.key, pack.publicId, two)).status).toBe(422);
    const unknownField = new FormData();
    unknownField.set("file", new Blob(["hello"], { type: "text/plain" }), "a.txt");
    unknownField.set("owner", "me");
    expect((await uploadSource(file.key, pack.publicId, unknownField)).status).toBe(422);
    const big = new FormData();
    big.set("file", new Blob([new Uint8Array(10 * 1024 * 1024 + 1)], { type: "text/plain" }), "big.txt");
    expect((await uploadSource(file.key, pack.publicId, big)).status).toBe(413);
    expect((await listSources(file.key, pack.publicId)).json.data).toEqual([]);
  });

  it("uploads a plain text file (202) and ingests it", async () => {
    const pack = await createEmptyPack(file.org);
    const form = new FormData();
    form.set("file", new Blob([RETURNS], { type: "text/plain" }), "returns.txt");
    form.set("sync", "weekly");
    const res = await uploadSource(file.key, pack.publicId, form);
    expect(res.status).toBe(202);
    expect([res.json.type, res.json.filename, res.json.title, res.json.sync]).toEqual([
      "file",
      "returns.txt",
      "returns.txt",
      "weekly",
    ]);
    await ingestLikeInngest(file.org.id, res.json.id);
    expect((await getSource(file.key, pack.publicId, res.json.id)).json.status).toBe("ready");
  });

  it("scopes and tenancy: knowledge scopes required; another org's pack or source is a 404", async () => {
    const pack = await createEmptyPack(file.org);
    const added = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "T", content: "x" },
    });
    expect((await listSources(file.agentsOnlyKey, pack.publicId)).status).toBe(403);
    expect(
      (
        await postSource(file.agentsOnlyKey, pack.publicId, {
          body: { type: "text", title: "T", content: "x" },
        })
      ).status,
    ).toBe(403);
    expect((await listSources(file.otherKey, pack.publicId)).status).toBe(404);
    expect((await getSource(file.otherKey, pack.publicId, added.json.id)).status).toBe(404);
    expect((await deleteSource(file.otherKey, pack.publicId, added.json.id)).status).toBe(404);
    expect((await resyncSource(file.otherKey, pack.publicId, added.json.id)).status).toBe(404);
    expect((await searchPack(file.otherKey, pack.publicId, "x")).status).toBe(404);
    expect(
      (await postSource(file.otherKey, pack.publicId, { body: { type: "text", title: "T", content: "x" } }))
        .status,
    ).toBe(404);
    expect((await getSource(file.key, pack.publicId, "not-a-uuid")).status).toBe(404);
    expect((await listSources(file.key, "not-a-uuid")).status).toBe(404);
    expect((await sourceRow(added.json.id))?.status).toBe("pending");
  });

  it("the schedule re-syncs daily sources a day after their last sync, and re-sends lost events", async () => {
    const pack = await createEmptyPack(file.org);
    const daily = await postSource(file.key, pack.publicId, {
      body: { type: "url", url: "https://docs.example.com/", sync: "daily" },
    });
    const lost = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "L", content: "x" },
    });
    await db
      .update(knowledgeSources)
      .set({ status: "ready", lastSyncedAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(knowledgeSources.publicId, daily.json.id));
    await db
      .update(knowledgeSources)
      .set({ syncRequestedAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(knowledgeSources.publicId, lost.json.id));
    const out = await requestDueSyncs();
    expect(out.sent).toBe(out.due);
    const sent = new Set(file.backends.inngest.events.map((e) => e.data.source_public_id));
    expect(sent.has(daily.json.id) && sent.has(lost.json.id)).toBe(true);
    expect((await sourceRow(daily.json.id))?.status).toBe("pending");
    // Synced just now: not due again.
    const again = await requestDueSyncs();
    expect(again.due).toBe(0);
  });
});
