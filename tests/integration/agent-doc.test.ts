import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAgentRoute, PATCH as patchAgentRoute } from "@/app/api/v1/agents/[id]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/v1/agents/route";
import { DELETE as deletePackRoute, PATCH as patchPackRoute } from "@/app/api/v1/knowledge-packs/[id]/route";
import { db } from "@/db";
import { findAgentDoc } from "@/db/queries/agent-api-read";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import { agents, personas } from "@/db/schema";
import { optimizationStatusEnum } from "@/db/schema/enums";
import { toAgentResource } from "@/lib/agents/serialize";
import {
  callRoute,
  createTestAgent,
  createTestApiKey,
  createTestKnowledgePack,
  createTestOrg,
} from "@/tests/fixtures";

// The API's list, get and idempotent replay answer with the agent object Postgres builds
// (agent-api-read.ts); every other answer (create, update, filtered pages) maps the ORM row with
// toAgentResource. The two must agree byte for byte, for awkward values as well as plain ones;
// the jsonb columns (widget_config, config) are compared as Postgres's own text of them, the one
// place the two writers differ in spacing.

const AWKWARD = 'quote " backslash \\ newline \n tab \t ctrl \u0001 unicode é 漢 😀 </script>';

/** JSON.stringify of toAgentResource of the ORM row, with the jsonb columns as Postgres writes them. */
async function expectedBytes(publicId: string, organizationId: number): Promise<string> {
  const row = (await findAgentByPublicId(db, organizationId, publicId))!;
  const [jsonb] = await db
    .select({ w: sql<string>`${agents.widgetConfig}::text`, c: sql<string>`${agents.config}::text` })
    .from(agents)
    .where(eq(agents.publicId, publicId));
  const marked = JSON.stringify({ ...toAgentResource(row), widget_config: "\u0000W", config: "\u0000C" });
  return marked.replace('"\\u0000W"', () => jsonb!.w).replace('"\\u0000C"', () => jsonb!.c);
}

/** An enterprise org (no agent limit in the way), its API key and a knowledge pack. */
async function orgWithKeyAndPack(packName?: string) {
  const org = await createTestOrg({ plan: "enterprise" });
  const { key } = await createTestApiKey(org);
  const pack = await createTestKnowledgePack(org, packName === undefined ? {} : { name: packName });
  return { org, key, pack };
}
type Setup = Awaited<ReturnType<typeof orgWithKeyAndPack>>;

describe("the agent object built by Postgres", () => {
  let org: Setup["org"];
  let key: string;
  const ids: string[] = [];
  beforeAll(async () => {
    const setup = await orgWithKeyAndPack();
    ({ org, key } = setup);
    const pack = setup.pack;
    const plain = await createTestAgent(org);
    const full = await createTestAgent(org, {
      name: `Awkward ${AWKWARD}`,
      systemPrompt: AWKWARD,
      optimizedSystemPrompt: AWKWARD,
      optimizationStatus: "failed",
      optimizationError: AWKWARD,
      knowledgePackId: pack.id,
      allowedOrigins: ["https://a.example", "https://b.example"],
      widgetConfig: { theme: "modern", nested: { list: [1, 2.5, -3e-7, null, true], text: AWKWARD } },
      config: { temperature: 0.25, max_output_tokens: 1024, language: "de" },
    });
    const pending = await createTestAgent(org, { optimizationStatus: "pending", status: "disabled" });
    // Microseconds that a millisecond form must truncate, not round; a year before 1000.
    await db
      .update(agents)
      .set({
        description: AWKWARD,
        industry: "retail",
        optimizationUpdatedAt: sql`'2026-03-04 05:06:07.999999+00'::timestamptz`,
        createdAt: sql`'0999-12-31 23:59:59.000500+00'::timestamptz`,
      })
      .where(eq(agents.id, full.id));
    ids.push(plain.publicId, full.publicId, pending.publicId);
  });

  it("equals JSON.stringify of toAgentResource of the ORM row byte for byte", async () => {
    for (const publicId of ids) {
      expect(await findAgentDoc(org.id, publicId)).toBe(await expectedBytes(publicId, org.id));
    }
  });

  it("is another org's agent: nothing", async () => {
    const other = await createTestOrg();
    expect(await findAgentDoc(other.id, ids[0]!)).toBeUndefined();
  });

  it("the list page carries the same objects, newest first", async () => {
    const res = await callRoute(listRoute, { path: "/api/v1/agents?limit=10", key });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const expected = await Promise.all(
      res.json.data.map(async (a: { id: string }) =>
        toAgentResource((await findAgentByPublicId(db, org.id, a.id))!),
      ),
    );
    expect(res.json.data).toEqual(expected);
    expect(res.json.data.map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
    expect(res.json.pagination).toEqual({
      limit: 10,
      offset: 0,
      total: 3,
      has_more: false,
      next_cursor: null,
    });
  });

  it("an idempotent replay answers with the same object, as GET writes it", async () => {
    const body = { name: `Replayed "quoted" \\ é 漢 😀 </script>`, persona: "support", description: AWKWARD };
    const headers = { "idempotency-key": `doc-replay-${Date.now()}` };
    const send = () => callRoute(createRoute, { method: "POST", path: "/api/v1/agents", key, body, headers });
    const first = await send();
    expect(first.status).toBe(201);
    const replay = await send();
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("content-type")).toBe("application/json");
    expect(replay.headers.get("location")).toBe(`/api/v1/agents/${first.json.id}`);
    expect(replay.json).toEqual(first.json);
    expect(replay.text).toBe(await findAgentDoc(org.id, first.json.id));
    expect(replay.text).toBe(await expectedBytes(first.json.id, org.id));
  });
});

// The values its hand-written JSON must get right: every optimization status, nulls, an awkward
// pack name, and timestamps whose text form drops trailing zeros (whole seconds, .000 with
// microseconds, before 2000).
const EDGY = 'q " b \\ nl \n cr \r ff \f bs \b nul-ish \u001f del \u007f é 漢 😀 \u2028 </script>';

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

describe("the agent object built by Postgres: edge values", () => {
  const ids: string[] = [];
  let org: Setup["org"], key: string, pack: Setup["pack"];
  beforeAll(async () => {
    ({ org, key, pack } = await orgWithKeyAndPack(`Pack ${EDGY}`));
    for (const [i, status] of optimizationStatusEnum.enumValues.entries()) {
      const agent = await createTestAgent(org, {
        name: `Edge ${i} ${EDGY}`,
        optimizationStatus: status,
        knowledgePackId: i % 2 === 0 ? pack.id : null,
        optimizedSystemPrompt: i % 3 === 0 ? null : `Optimized ${EDGY}`,
        optimizationError: status === "failed" ? EDGY : null,
        allowedOrigins: i % 2 === 0 ? [] : ['https://"x".example', "https://é.example"],
        widgetConfig: { text: EDGY, list: [0, -1.5, 1e21, null, false], empty: {} },
      });
      const at = TIMES[i]!;
      await db
        .update(agents)
        .set({
          description: i % 2 === 0 ? null : EDGY,
          industry: i % 3 === 0 ? null : "retail",
          optimizationRationale: i % 2 === 0 ? null : EDGY,
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

// The object is kept as text beside its rows (drizzle/0018_agent-api-doc.sql): every write that
// changes what it shows must change the text, through the real routes.
describe("the stored agent object through writes", () => {
  it("follows an agent PATCH, a pack rename and a pack delete", async () => {
    const org = await createTestOrg({ plan: "enterprise" });
    const { key } = await createTestApiKey(org, {
      scopes: ["agents:read", "agents:write", "knowledge:write"],
    });
    const pack = await createTestKnowledgePack(org, { name: "Before rename" });
    const agent = await createTestAgent(org, { knowledgePackId: pack.id });
    const params = { id: agent.publicId };
    const read = async () => {
      const res = await callRoute(getAgentRoute, { path: `/api/v1/agents/${agent.publicId}`, key, params });
      expect(res.status).toBe(200);
      expect(res.text).toBe(await expectedBytes(agent.publicId, org.id));
      return res.json;
    };
    expect((await read()).knowledge_pack).toEqual({ id: pack.publicId, name: "Before rename" });

    const patch = {
      name: 'Patched "quoted" \\ é 漢 😀 </script>',
      description: null,
      system_prompt: `Prompt ${AWKWARD}`,
      allowed_origins: ["https://patched.example"],
      widget_config: { theme: "classic" },
    };
    const patched = await callRoute(patchAgentRoute, {
      method: "PATCH",
      path: `/api/v1/agents/${agent.publicId}`,
      key,
      params,
      body: patch,
    });
    expect(patched.status).toBe(200);
    const afterPatch = await read();
    expect(afterPatch).toEqual(patched.json);
    expect(afterPatch.name).toBe(patch.name);

    const renamed = await callRoute(patchPackRoute, {
      method: "PATCH",
      path: `/api/v1/knowledge-packs/${pack.publicId}`,
      key,
      params: { id: pack.publicId },
      body: { name: 'Renamed "pack" \\ é 😀' },
    });
    expect(renamed.status).toBe(200);
    expect((await read()).knowledge_pack).toEqual({ id: pack.publicId, name: 'Renamed "pack" \\ é 😀' });

    const deleted = await callRoute(deletePackRoute, {
      method: "DELETE",
      path: `/api/v1/knowledge-packs/${pack.publicId}`,
      key,
      params: { id: pack.publicId },
    });
    expect(deleted.status).toBe(204);
    expect((await read()).knowledge_pack).toBeNull();
  });

  it("every persona's member is the JSON of its key, name and description", async () => {
    const rows = await db.select().from(personas);
    expect(rows.length).toBeGreaterThan(0);
    for (const p of rows) {
      expect(p.apiDoc).toBe(JSON.stringify({ key: p.key, name: p.name, description: p.description }));
    }
  });
});
