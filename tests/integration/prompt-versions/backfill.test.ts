import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, type Tx } from "@/db";
import { agentPromptVersions } from "@/db/schema";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";
import { versionRows } from "@/tests/fixtures/prompt-versions";

// The hand-written migration that gives agents made before versions existed their prompt(s) as
// versions. Test rows are inserted without versions, like agents of an older release.
const file = readdirSync("drizzle").find((f) => f.endsWith("_backfill_prompt_versions.sql"))!;
const statements = readFileSync(path.join("drizzle", file), "utf8").split("--> statement-breakpoint");

const ROLLBACK = new Error("rollback");

/**
 * Runs the backfill twice inside a transaction that is rolled back afterwards: it sweeps every
 * agent in the database, and other test files (running in parallel) must not see its rows.
 */
async function inBackfilledTransaction(check: (tx: Tx) => Promise<void>) {
  await db
    .transaction(async (tx) => {
      for (let run = 0; run < 2; run++) for (const s of statements) await tx.execute(sql.raw(s));
      await check(tx);
      throw ROLLBACK;
    })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
}

async function versionsOf(tx: Tx, agentId: number) {
  return tx
    .select({
      version: agentPromptVersions.version,
      source: agentPromptVersions.source,
      systemPrompt: agentPromptVersions.systemPrompt,
      createdByType: agentPromptVersions.createdByType,
    })
    .from(agentPromptVersions)
    .where(eq(agentPromptVersions.agentId, agentId))
    .orderBy(asc(agentPromptVersions.version));
}

describe("backfill migration", () => {
  it("gives each agent its prompt as v1 and its optimization result as v2, once", async () => {
    const org = await createTestOrg();
    const plain = await createTestAgent(org, { systemPrompt: "Plain prompt." });
    const optimized = await createTestAgent(org, {
      systemPrompt: "Original.",
      optimizedSystemPrompt: "Original, improved.",
    });
    expect(await versionRows(plain.publicId)).toEqual([]);
    await inBackfilledTransaction(async (tx) => {
      const plainRows = await versionsOf(tx, plain.id);
      expect(plainRows.map((r) => [r.version, r.source, r.systemPrompt])).toEqual([
        [1, "created", "Plain prompt."],
      ]);
      expect(plainRows[0]!.createdByType).toBe("system");
      expect((await versionsOf(tx, optimized.id)).map((r) => [r.version, r.source, r.systemPrompt])).toEqual([
        [1, "created", "Original."],
        [2, "optimized", "Original, improved."],
      ]);
    });
  });
});
