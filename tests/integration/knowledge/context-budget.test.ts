import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { finishSourceSync, storeDocumentChunks } from "@/db/queries/knowledge-ingest";
import { insertSourceWithPayload } from "@/db/queries/knowledge-sources";
import { chunkDocument, estimateTokens } from "@/lib/knowledge/chunk";
import { knowledgeSection, retrieveForTurn } from "@/lib/knowledge/context";
import { CONTEXT_TOKEN_BUDGET, MAX_CHUNKS_PER_SOURCE } from "@/lib/knowledge/retrieval/types";
import { buildSystemInstruction } from "@/lib/llm/chat";
import { createTestOrg } from "@/tests/fixtures";
import { createEmptyPack } from "@/tests/fixtures/knowledge";

// Acceptance 3 (second half): whatever the pack's size, a turn's prompt carries at most the
// context budget of passages. A 5 MB pack where every chunk matches the question.
const PARAGRAPH =
  "Our delivery policy covers parcels, couriers and the delivery window for every region we ship to. ";

async function indexedSource(org: { id: number }, pack: { id: number }, title: string, megabytes: number) {
  const blocks = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const text = `${PARAGRAPH.repeat(6)}Section ${i}.`;
    blocks.push({ heading: `Delivery ${i}`, text });
    size += text.length;
  }
  const chunks = chunkDocument({ title, blocks }).map((c) => ({ ...c, title, url: null }));
  const row = await insertSourceWithPayload(
    db,
    { organizationId: org.id, packId: pack.id, type: "text", title },
    null,
  );
  await db.transaction((tx) =>
    storeDocumentChunks(
      tx,
      { sourceId: row.id, packId: pack.id, organizationId: org.id, generation: 1, language: "english" },
      { from: 0, to: 1e9 },
      chunks,
    ),
  );
  await db.transaction((tx) => finishSourceSync(tx, row.id, 1, { contentHash: "x", bytes: size }));
  return { row, chunks: chunks.length };
}

describe("context budget", () => {
  it("a 5 MB pack gives a turn at most ~3,000 tokens of passages, ≤ 3 per source", async () => {
    const org = await createTestOrg();
    const pack = await createEmptyPack(org);
    const a = await indexedSource(org, pack, "Delivery A", 4);
    await indexedSource(org, pack, "Delivery B", 1);
    expect(a.chunks).toBeGreaterThan(1000);

    const passages = await retrieveForTurn(pack, "What is your delivery window for parcels?", []);
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.length).toBeLessThanOrEqual(6);
    const tokens = passages.reduce((n, p) => n + p.tokenEstimate, 0);
    expect(tokens).toBeLessThanOrEqual(CONTEXT_TOKEN_BUDGET);
    const perSource = new Map<string, number>();
    for (const p of passages) perSource.set(p.sourceId, (perSource.get(p.sourceId) ?? 0) + 1);
    expect(Math.max(...perSource.values())).toBeLessThanOrEqual(MAX_CHUNKS_PER_SOURCE);
    expect(perSource.size).toBe(2);

    const agent = {
      name: "Bot",
      systemPrompt: "You help.",
      optimizedSystemPrompt: null,
      useOptimizedPrompt: false,
      knowledgePack: { id: pack.id, name: pack.name },
      organization: { name: "Acme" },
    };
    const prompt = buildSystemInstruction(agent, passages);
    const knowledge = knowledgeSection(pack.name, passages);
    expect(prompt).toContain(knowledge);
    // The whole knowledge part, with its framing, stays within the budget plus a little framing.
    expect(estimateTokens(knowledge)).toBeLessThanOrEqual(CONTEXT_TOKEN_BUDGET + 100);
  }, 60_000);
});
