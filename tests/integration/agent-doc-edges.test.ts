import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/agents/route";
import { db } from "@/db";
import { findAgentDoc } from "@/db/queries/agent-api-read";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import { agents } from "@/db/schema";
import { optimizationStatusEnum } from "@/db/schema/enums";
import { toAgentResource } from "@/lib/agents/serialize";
import {
  callRoute,
  createTestAgent,
  createTestApiKey,
  createTestKnowledgePack,
  createTestOrg,
} from "@/tests/fixtures";

// The agent object Postgres writes (agent-api-read.ts), byte for byte against JSON.stringify of
// toAgentResource, over the values its hand-written JSON must get right: every optimization
// status, nulls, an awkward pack name, and timestamps whose text form drops trailing zeros
// (whole seconds, .000 with microseconds, before 2000). The jsonb columns are compared as
// Postgres's own text of them, the one place the two writers differ in spacing.

const AWKWARD = 'q " b \\ nl \n cr \r ff \f bs \b nul-ish \u001f del \u007f é 漢 😀 \u2028 </script>';

// created_at (and the optimization's updated_at) per agent: the list's order is created_at desc.
const TIMES = [
  "2026-05-06 07:08:09+00",
  "2026-05-06 07:08:08.000999+00",
  "2026-05-06 07:08:07.5+00",
  "2026-05-06 07:08:06.999999+00",
  "2000-01-01 00:00:00+00",
  "1999-12-31 23:59:59.999999+00",
  "1970-01-01 00:00:00.001+00",
];

async function expectedBytes(publicId: string, organizationId: number): Promise<string> {
  const row = (await findAgentByPublicId(db, organizationId, publicId))!;
  const [jsonb] = await db
    .select({ w: sql<string>`${agents.widgetConfig}::text`, c: sql<string>`${agents.config}::text` })
    .from(agents)
    .where(eq(agents.publicId, publicId));
  const marked = JSON.stringify({ ...toAgentResource(row), widget_config: "\u0000W", config: "\u0000C" });
  return marked.replace('"\\u0000W"', () => jsonb!.w).replace('"\\u0000C"', () => jsonb!.c);
}

describe("the agent object built by Postgres: edge values", () => {
  let org: Awaited<ReturnType<typeof createTestOrg>>;
  let key: string;
  const ids: string[] = [];

  beforeAll(async () => {
    org = await createTestOrg({ plan: "enterprise" });
    key = (await createTestApiKey(org)).key;
    const pack = await createTestKnowledgePack(org, { name: `Pack ${AWKWARD}` });
    for (const [i, status] of optimizationStatusEnum.enumValues.entries()) {
      const agent = await createTestAgent(org, {
        name: `Edge ${i} ${AWKWARD}`,
        optimizationStatus: status,
        knowledgePackId: i % 2 === 0 ? pack.id : null,
        optimizedSystemPrompt: i % 3 === 0 ? null : `Optimized ${AWKWARD}`,
        optimizationError: status === "failed" ? AWKWARD : null,
        allowedOrigins: i % 2 === 0 ? [] : ['https://"x".example', "https://é.example"],
        widgetConfig: { text: AWKWARD, list: [0, -1.5, 1e21, null, false], empty: {} },
      });
      const at = TIMES[i]!;
      await db
        .update(agents)
        .set({
          description: i % 2 === 0 ? null : AWKWARD,
          industry: i % 3 === 0 ? null : "retail",
          optimizationRationale: i % 2 === 0 ? null : AWKWARD,
          useOptimizedPrompt: i % 2 === 0,
          identityVerification: (["off", "optional", "required"] as const)[i % 3],
          createdAt: sql`${at}::timestamptz`,
          updatedAt: sql`${TIMES[TIMES.length - 1 - i]}::timestamptz`,
          optimizationUpdatedAt: i % 2 === 0 ? null : sql`${at}::timestamptz`,
        })
        .where(eq(agents.id, agent.id));
      ids.push(agent.publicId);
    }
  });

  it("equals JSON.stringify of toAgentResource byte for byte (jsonb columns as Postgres writes them)", async () => {
    expect(ids).toHaveLength(optimizationStatusEnum.enumValues.length);
    for (const publicId of ids) {
      expect(await findAgentDoc(org.id, publicId)).toBe(await expectedBytes(publicId, org.id));
    }
  });

  it("the list walks them by cursor one at a time, newest first, each exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof callRoute>> = await callRoute(listRoute, {
        path: `/api/v1/agents?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        key,
      });
      expect(res.status).toBe(200);
      for (const a of res.json.data as { id: string }[]) {
        expect(JSON.stringify(a)).toBe(JSON.stringify(JSON.parse(await expectedBytes(a.id, org.id))));
        seen.push(a.id);
      }
      cursor = res.json.pagination.next_cursor;
    } while (cursor && seen.length <= ids.length);
    expect(seen).toEqual(ids);
  });
});
