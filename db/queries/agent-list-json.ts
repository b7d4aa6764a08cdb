import { eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { organizations } from "@/db/schema";

// The unfiltered list page with its JSON written by Postgres: one statement returns the page's
// public agent objects as one JSON text, which the route passes through untouched. Building the
// objects in the database saves the app, per row, the driver's parse of two dozen columns, the
// ORM's mapping, the serializer and JSON.stringify — the bulk of a list request's own cost.
// The object is the one `toAgentResource` (lib/agents/serialize.ts) makes, field for field and
// in the same order; tests/integration/agents-list-json.test.ts holds the two equal.

/** Timestamps as `Date#toISOString` writes them: UTC, milliseconds, `Z`. */
const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const agentObject = sql`json_build_object(
  'object', 'agent',
  'id', a.public_id,
  'name', a.name,
  'description', a.description,
  'industry', a.industry,
  'persona', json_build_object('key', p.key, 'name', p.name, 'description', p.description),
  'knowledge_pack', case when k.id is null then null else json_build_object('id', k.public_id, 'name', k.name) end,
  'system_prompt', a.system_prompt,
  'optimized_system_prompt', a.optimized_system_prompt,
  'use_optimized_prompt', a.use_optimized_prompt,
  'prompt_version', a.prompt_version,
  'optimization', json_build_object(
    'status', a.optimization_status,
    'error', a.optimization_error,
    'rationale', a.optimization_rationale,
    'updated_at', ${iso(sql`coalesce(a.optimization_updated_at, a.updated_at)`)}
  ),
  'optimization_pending', a.optimization_status in ('pending', 'running'),
  'widget_config', a.widget_config,
  'config', a.config,
  'allowed_origins', to_json(a.allowed_origins),
  'status', a.status,
  'created_at', ${iso(sql`a.created_at`)},
  'updated_at', ${iso(sql`a.updated_at`)}
)`;

export type JsonPagePosition = { offset?: number; after?: { createdAt: string; id: number } };

export type JsonAgentPage = {
  /** The page's agents as a JSON array, ready to embed in the response. */
  dataJson: string;
  hasMore: boolean;
  /** The last agent on the page, for the next cursor. */
  last: { id: number; cursorCreatedAt: string } | null;
};

type Row = { n: number; data: string; last_id: string | number | null; last_cursor: string | null };

/** One page of an org's agents, newest first, as JSON text; ONE statement. */
export async function listAgentsJsonPage(
  db: Executor,
  organizationId: number,
  limit: number,
  at: JsonPagePosition,
): Promise<JsonAgentPage> {
  // The same predicates as the ORM page (db/queries/agent-read.ts): keyset by the row value the
  // list-order index serves; an offset walks ids only, then joins for the page's rows alone.
  const position = at.after
    ? sql`and (a.created_at, a.id) < (${at.after.createdAt}::timestamptz, ${at.after.id})`
    : at.offset
      ? sql`and a.id in (select "x"."id" from "agents" "x" where "x"."organization_id" = ${organizationId}
          order by "x"."created_at" desc, "x"."id" desc limit ${limit + 1} offset ${at.offset})`
      : sql``;
  const rows = (await db.execute(sql`
    with page as (
      select a.id, a.created_at, row_number() over (order by a.created_at desc, a.id desc) as rn,
        ${agentObject} as obj
      from agents a
      join personas p on p.id = a.persona_id
      left join knowledge_packs k on k.id = a.knowledge_pack_id
      where a.organization_id = ${organizationId} ${position}
      order by a.created_at desc, a.id desc
      limit ${limit + 1}
    )
    select
      (select count(*) from page)::int as n,
      coalesce((select json_agg(obj order by rn) from page where rn <= ${limit}), '[]'::json)::text as data,
      (select id from page where rn = ${limit}) as last_id,
      (select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from page
        where rn = ${limit}) as last_cursor`)) as unknown as Row[];
  const row = rows[0];
  if (!row) throw new Error("agent page query returned no row");
  const hasMore = Number(row.n) > limit;
  return {
    dataJson: row.data,
    hasMore,
    last:
      hasMore && row.last_id !== null && row.last_cursor !== null
        ? { id: Number(row.last_id), cursorCreatedAt: row.last_cursor }
        : null,
  };
}

/** The unfiltered total: the org's agent_count, kept exact with every insert and delete. */
export async function organizationAgentTotal(db: Executor, organizationId: number): Promise<number> {
  const [row] = await db
    .select({ n: organizations.agentCount })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row?.n ?? 0;
}
