import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { agents, auditEvents, knowledgePacks, knowledgeSources } from "@/db/schema";
import { settleBackgroundWork } from "@/lib/background-work";
import { seedDemoContent } from "@/lib/demo/seed-content";
import { KNOWLEDGE_SYNC_REQUESTED } from "@/lib/inngest/events";
import { searchKnowledgePack } from "@/lib/knowledge/search";
import { createTestOrg } from "@/tests/fixtures";
import { startFakeBackends } from "@/tests/fixtures/inngest";

// The first start's demo content is made through the use cases, so a new user's org works before
// any job server is reachable: the packs' text is searchable, and the agent answers from one.
// Each sync takes the next generation: generation 1 is a source synced exactly once.
const READY_ONCE = { status: "ready", chunks: 1, generation: 1 };
const sourcesOf = (organizationId: number) =>
  db
    .select({
      status: knowledgeSources.status,
      chunks: knowledgeSources.chunkCount,
      generation: knowledgeSources.generation,
    })
    .from(knowledgeSources)
    .where(eq(knowledgeSources.organizationId, organizationId));

describe("demo content of a first start", () => {
  it("two packs whose text is ready and searchable, and an agent on the returns policy", async () => {
    const org = await createTestOrg();
    await seedDemoContent(org.id);

    const packs = await db
      .select({ id: knowledgePacks.id, publicId: knowledgePacks.publicId, name: knowledgePacks.name })
      .from(knowledgePacks)
      .where(eq(knowledgePacks.organizationId, org.id));
    expect(packs.map((p) => p.name).sort()).toEqual(["Product catalog", "Returns policy"]);
    expect(await sourcesOf(org.id)).toEqual([READY_ONCE, READY_ONCE]);

    const returns = packs.find((p) => p.name === "Returns policy")!;
    const found = await searchKnowledgePack(org.id, returns.publicId, {
      q: "refund for sale items",
      limit: 5,
    });
    expect(found[0]?.text).toContain("Sale items can be exchanged but not refunded.");

    const [agent] = await db
      .select({ name: agents.name, packId: agents.knowledgePackId, optimization: agents.optimizationStatus })
      .from(agents)
      .where(eq(agents.organizationId, org.id));
    expect(agent).toEqual({ name: "Acme Support", packId: returns.id, optimization: "not_requested" });

    const audited = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.actorType, "system")));
    expect(audited.map((a) => a.action).sort()).toEqual([
      "agent.created",
      "knowledge_pack.created",
      "knowledge_pack.created",
    ]);
  });

  it("with Inngest configured, each pack's text is ingested once: here, with no sync event", async () => {
    const backends = await startFakeBackends();
    try {
      const org = await createTestOrg();
      await seedDemoContent(org.id);
      await settleBackgroundWork(10_000);

      expect(backends.inngest.eventsNamed(KNOWLEDGE_SYNC_REQUESTED)).toEqual([]);
      expect(await sourcesOf(org.id)).toEqual([READY_ONCE, READY_ONCE]);
    } finally {
      await backends.close();
    }
  });
});
