import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents } from "@/db/schema";
import { describeActivity, listActivity } from "@/lib/organizations/list-activity";
import { createTestOrg } from "@/tests/fixtures";

describe("activity log", () => {
  it("pages newest first by keyset, without gaps or repeats, within the org only", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    // Same created_at for many rows: the id tie-breaker must still give a stable, complete order.
    const at = new Date("2026-01-01T00:00:00.123Z");
    await db.insert(auditEvents).values(
      Array.from({ length: 23 }, (_, i) => ({
        organizationId: org.id,
        actorType: "user" as const,
        actorLabel: `u${i}@x.test`,
        action: "agent.created",
        metadata: { name: `agent ${i}` },
        createdAt: i < 10 ? at : new Date(at.getTime() + i * 1000),
      })),
    );
    await db.insert(auditEvents).values({ organizationId: other.id, actorType: "system", action: "x" });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listActivity(org.id, cursor, 5);
      seen.push(...page.events.map((e) => e.actorLabel!));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toBe("u22@x.test");
    expect(seen.slice(0, 13)).toEqual(Array.from({ length: 13 }, (_, i) => `u${22 - i}@x.test`));
  });

  it("ignores a cursor from another org or a malformed one (starts from the newest)", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    await db.insert(auditEvents).values([
      { organizationId: org.id, actorType: "system", action: "a" },
      { organizationId: other.id, actorType: "system", action: "b" },
    ]);
    const foreign = (await listActivity(other.id)).events[0]!.publicId;
    expect((await listActivity(org.id, foreign)).events).toHaveLength(0);
    expect((await listActivity(org.id, "not-a-uuid")).events.map((e) => e.action)).toEqual(["a"]);
  });

  it("describes actions in words", () => {
    expect(describeActivity("api_key.created", { name: "CI" })).toBe("created API key “CI”");
    expect(describeActivity("agent.deleted", {})).toBe("deleted agent");
  });
});
