import { sqlClient } from "@/db";

// The API's hottest reads (unfiltered list pages, one agent by id) as plain prepared SQL whose
// rows map straight to the public agent object. Why not the relational query of agent-read.ts:
// it has Postgres build a JSON array per relation and row, then parses it and walks every field
// through the ORM's decoders and a Date per timestamp; for a page of 50 that mapping cost more
// CPU than the query. Same columns, joins, order and tenancy (organization_id in every WHERE);
// filtered pages and everything inside a transaction keep the relational definition.

const COLUMNS = `a.id, a.public_id, a.name, a.description, a.industry, a.system_prompt,
  a.optimized_system_prompt, a.use_optimized_prompt, a.prompt_version, a.optimization_status,
  a.optimization_error, a.optimization_rationale, a.optimization_updated_at, a.widget_config, a.config,
  a.allowed_origins, a.identity_verification, a.status, a.created_at, a.updated_at,
  p.key as persona_key, p.name as persona_name, p.description as persona_description,
  k.public_id as pack_id, k.name as pack_name`;
const JOINS = `from agents a join personas p on p.id = a.persona_id
  left join knowledge_packs k on k.id = a.knowledge_pack_id`;
// µs-precise, time-zone independent text form of created_at for the cursor.
const CURSOR = `to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_created_at`;
const ORDER = "order by a.created_at desc, a.id desc";

const BY_PUBLIC_ID = `select ${COLUMNS} ${JOINS} where a.organization_id = $1 and a.public_id = $2`;
const PAGE_FIRST = `select ${COLUMNS}, ${CURSOR} ${JOINS} where a.organization_id = $1 ${ORDER} limit $2`;
// The offset is applied to ids only (an index-only walk of agents_org_created_idx); the joins
// then run for the page's rows alone, not for every skipped row.
const PAGE_OFFSET = `select ${COLUMNS}, ${CURSOR} ${JOINS} where a.organization_id = $1 and a.id in (
  select i.id from agents i where i.organization_id = $1
  order by i.created_at desc, i.id desc limit $2 offset $3) ${ORDER} limit $2`;
// A row value against the exact microsecond timestamp carried in the cursor: the list-order
// index serves it directly.
const PAGE_KEYSET = `select ${COLUMNS}, ${CURSOR} ${JOINS} where a.organization_id = $1
  and (a.created_at, a.id) < ($3::timestamptz, $4) ${ORDER} limit $2`;

/** A row as Postgres sends it (timestamps as text: the ORM's client leaves them unparsed). */
export type AgentApiRow = {
  id: string | number;
  public_id: string;
  name: string;
  description: string | null;
  industry: string | null;
  system_prompt: string;
  optimized_system_prompt: string | null;
  use_optimized_prompt: boolean;
  prompt_version: number;
  optimization_status: string;
  optimization_error: string | null;
  optimization_rationale: string | null;
  optimization_updated_at: string | Date | null;
  widget_config: Record<string, unknown>;
  config: Record<string, unknown>;
  allowed_origins: string[];
  identity_verification: string;
  status: string;
  created_at: string | Date;
  updated_at: string | Date;
  persona_key: string;
  persona_name: string;
  persona_description: string;
  pack_id: string | null;
  pack_name: string | null;
  cursor_created_at?: string;
};

function run(text: string, params: (string | number)[]): Promise<AgentApiRow[]> {
  return sqlClient().unsafe(text, params, { prepare: true }) as unknown as Promise<AgentApiRow[]>;
}

export async function findAgentApiRow(organizationId: number, publicId: string) {
  return (await run(BY_PUBLIC_ID, [organizationId, publicId]))[0];
}

export type ApiPagePosition =
  | { kind: "first" }
  | { kind: "offset"; offset: number }
  | { kind: "keyset"; afterCreatedAt: string; afterId: number };

/** `limit` rows of the org in list order from `at`, unfiltered. */
export function listAgentApiRows(organizationId: number, limit: number, at: ApiPagePosition) {
  if (at.kind === "keyset") return run(PAGE_KEYSET, [organizationId, limit, at.afterCreatedAt, at.afterId]);
  if (at.kind === "offset") return run(PAGE_OFFSET, [organizationId, limit, at.offset]);
  return run(PAGE_FIRST, [organizationId, limit]);
}

/** The list's total: the org's agent_count, exact (kept in every insert's and delete's transaction). */
export async function countAgentsOfOrganization(organizationId: number): Promise<number> {
  const rows = (await sqlClient().unsafe(
    "select agent_count from organizations where id = $1",
    [organizationId],
    {
      prepare: true,
    },
  )) as unknown as { agent_count: number }[];
  return rows[0]?.agent_count ?? 0;
}
