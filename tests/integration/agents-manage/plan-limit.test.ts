import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { agents, organizations } from "@/db/schema";
import { createTestApiKey, createTestOrg, insertTestAgents } from "@/tests/fixtures";
import { deleteAgent, postAgent } from "@/tests/fixtures/agent-api";

// The plan limit counts live agents: a delete frees its slot at once.
describe("plan limit: deleting frees the slot at once", () => {
  it("at the limit, a create fails; after one delete the next create succeeds", async () => {
    const org = await createTestOrg({ plan: "free" });
    const key = (await createTestApiKey(org)).key;
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postAgent(key, { name: `Slot ${i}`, auto_optimize: false });
      expect(res.status).toBe(201);
      created.push(res.json.id);
    }
    const full = await postAgent(key, { name: "Four" });
    expect(full.status).toBe(403);
    expect(full.json).toMatchObject({ code: "plan_limit_reached", limit: 3, used: 3 });
    expect((await deleteAgent(key, created[1]!)).status).toBe(204);
    const next = await postAgent(key, { name: "Four" });
    expect(next.status).toBe(201);
    const again = await postAgent(key, { name: "Five" });
    expect(again.status).toBe(403);
  });

  it("concurrent deletes and creates at the limit never overshoot it", async () => {
    const org = await createTestOrg({ plan: "free" });
    const key = (await createTestApiKey(org)).key;
    const seeded = await insertTestAgents(org, 3);
    const results = await Promise.all([
      ...seeded.map((s) => deleteAgent(key, s.publicId)),
      ...Array.from({ length: 12 }, (_, i) => postAgent(key, { name: `Race ${i}` })),
    ]);
    expect(results.slice(0, 3).every((r) => r.status === 204)).toBe(true);
    const [row] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    const live = await db.select({ id: agents.id }).from(agents).where(eq(agents.organizationId, org.id));
    expect(live.length).toBeLessThanOrEqual(3);
    expect(row!.agentCount).toBe(live.length);
    expect(results.slice(3).every((r) => r.status === 201 || r.status === 403)).toBe(true);
  });
});
