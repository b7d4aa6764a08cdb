import { sqlClient } from "@/db";

// The API's agent reads (list pages, one agent by id) with the public agent object of API.md
// built by Postgres: each row carries the object as JSON text, which the route passes through
// without parsing and re-serialising it. Why: for a page of 50, mapping rows in JS and writing
// the JSON cost the server more CPU than the query cost Postgres. Tenancy: organization_id in
// every WHERE.

// The form Date#toISOString gives: UTC, milliseconds (truncated), "Z". `at time zone interval`
// shifts by a fixed offset (no time zone lookup per value, unlike 'UTC'); to_char of the
// resulting timestamp reads no session setting (the text cast would follow DateStyle).
const iso = (col: string) => `to_char(${col} at time zone interval '0', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const str = (col: string) => `to_json(${col})::text`;
const orNull = (col: string) => `coalesce(to_json(${col})::text, 'null')`;

/**
 * The public agent object (toAgentResource's shape and key order) as compact JSON text.
 * Concatenated, not row_to_json of nested subselects: each nested object was a subplan run per
 * row, and Postgres spent more on them than on the rest of the page. to_json escapes each text
 * value exactly as row_to_json (and JSON.stringify) would; uuids, enums, numbers, booleans and
 * timestamps need no escaping; the jsonb columns keep Postgres's own spacing (jsonb's text form,
 * as row_to_json wrote them).
 */
const DOC = `('{"object":"agent","id":"' || a.public_id::text || '","name":' || ${str("a.name")}
  || ',"description":' || ${orNull("a.description")} || ',"industry":' || ${orNull("a.industry")}
  || ',"persona":{"key":' || ${str("p.key")} || ',"name":' || ${str("p.name")}
  || ',"description":' || ${str("p.description")}
  || '},"knowledge_pack":' || case when k.id is null then 'null'
    else '{"id":"' || k.public_id::text || '","name":' || ${str("k.name")} || '}' end
  || ',"system_prompt":' || ${str("a.system_prompt")}
  || ',"optimized_system_prompt":' || ${orNull("a.optimized_system_prompt")}
  || ',"use_optimized_prompt":' || a.use_optimized_prompt::text
  || ',"prompt_version":' || a.prompt_version::text
  || ',"optimization":{"status":"' || a.optimization_status::text
  || '","error":' || ${orNull("a.optimization_error")} || ',"rationale":' || ${orNull("a.optimization_rationale")}
  || ',"updated_at":"' || ${iso("coalesce(a.optimization_updated_at, a.updated_at)")}
  || '"},"optimization_pending":' || (a.optimization_status in ('pending', 'running'))::text
  || ',"widget_config":' || a.widget_config::text || ',"config":' || a.config::text
  || ',"allowed_origins":' || ${str("a.allowed_origins")}
  || ',"identity_verification":"' || a.identity_verification::text || '","status":"' || a.status::text
  || '","created_at":"' || ${iso("a.created_at")} || '","updated_at":"' || ${iso("a.updated_at")}
  || '"}') as doc`;
const JOINS = `from agents a join personas p on p.id = a.persona_id
  left join knowledge_packs k on k.id = a.knowledge_pack_id`;
// µs-precise, time-zone independent text form of created_at for the cursor.
const CURSOR = `to_char(a.created_at at time zone interval '0', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_created_at`;
// The org's exact agent_count (kept in every insert's and delete's transaction), read once per
// statement (an init plan), so an offset page needs no second statement for its total.
const TOTAL = "(select o.agent_count from organizations o where o.id = $1) as total";
const ORDER = "order by a.created_at desc, a.id desc";
const PAGE = `select ${DOC}, a.id, ${CURSOR}`;

const BY_PUBLIC_ID = `select ${DOC} ${JOINS} where a.organization_id = $1 and a.public_id = $2`;
// A replay's whole answer: the object, and the fingerprint of the request that created it
// (agents_org_idempotency_key_unique serves the lookup).
const BY_IDEMPOTENCY_KEY = `select ${DOC}, a.public_id::text as public_id, a.request_fingerprint
  ${JOINS} where a.organization_id = $1 and a.idempotency_key = $2`;
const PAGE_FIRST = `${PAGE}, ${TOTAL} ${JOINS} where a.organization_id = $1 ${ORDER} limit $2`;
// The offset is applied to ids only (an index-only walk of agents_org_created_idx); the joins
// then run for the page's rows alone, not for every skipped row. `= any(array(…))` makes the ids
// an init plan looked up by primary key: with `in (…)` the prepared statement's generic plan
// hash-joined the subquery against a second walk of every agent of the org (twice the work).
export const PAGE_OFFSET = `${PAGE}, ${TOTAL} ${JOINS} where a.organization_id = $1 and a.id = any(array(
  select i.id from agents i where i.organization_id = $1
  order by i.created_at desc, i.id desc limit $2 offset $3)) ${ORDER} limit $2`;
// A row value against the exact microsecond timestamp carried in the cursor: the list-order
// index serves it directly. Keyset pages carry no total.
const PAGE_KEYSET = `${PAGE} ${JOINS} where a.organization_id = $1
  and (a.created_at, a.id) < ($3::timestamptz, $4) ${ORDER} limit $2`;

/** One page row: the agent's JSON text and its list position. */
export type AgentDocRow = {
  doc: string;
  id: string | number;
  cursor_created_at: string;
  total?: number;
};

function run<T>(text: string, params: (string | number)[]): Promise<T[]> {
  return sqlClient().unsafe(text, params, { prepare: true }) as unknown as Promise<T[]>;
}

/** One agent of the org as the API's JSON text; undefined when the org has no such agent. */
export async function findAgentDoc(organizationId: number, publicId: string): Promise<string | undefined> {
  return (await run<{ doc: string }>(BY_PUBLIC_ID, [organizationId, publicId]))[0]?.doc;
}

/** The agent an idempotency key created in the org: its API JSON text and that request's fingerprint. */
export async function findAgentDocByIdempotencyKey(
  organizationId: number,
  key: string,
): Promise<{ doc: string; publicId: string; requestFingerprint: string | null } | undefined> {
  const [row] = await run<{ doc: string; public_id: string; request_fingerprint: string | null }>(
    BY_IDEMPOTENCY_KEY,
    [organizationId, key],
  );
  return row && { doc: row.doc, publicId: row.public_id, requestFingerprint: row.request_fingerprint };
}

export type ApiPagePosition =
  | { kind: "first" }
  | { kind: "offset"; offset: number }
  | { kind: "keyset"; afterCreatedAt: string; afterId: number };

/** `limit` rows of the org in list order from `at`, unfiltered; offset pages carry the total. */
export function listAgentDocs(organizationId: number, limit: number, at: ApiPagePosition) {
  if (at.kind === "keyset")
    return run<AgentDocRow>(PAGE_KEYSET, [organizationId, limit, at.afterCreatedAt, at.afterId]);
  if (at.kind === "offset") return run<AgentDocRow>(PAGE_OFFSET, [organizationId, limit, at.offset]);
  return run<AgentDocRow>(PAGE_FIRST, [organizationId, limit]);
}

/** The list's total when a page came back empty (no row to carry it). */
export async function countAgentsOfOrganization(organizationId: number): Promise<number> {
  const rows = await run<{ agent_count: number }>("select agent_count from organizations where id = $1", [
    organizationId,
  ]);
  return rows[0]?.agent_count ?? 0;
}
