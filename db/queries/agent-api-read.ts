import { sqlClient } from "@/db";

// The API's agent reads (list pages, one agent by id, a replay) with the public agent object of API.md
// built by Postgres: each row carries the object as JSON text, which the route passes through
// without parsing and re-serialising it. Why: for a page of 50, mapping rows in JS and writing
// the JSON cost the server more CPU than the query cost Postgres. Tenancy: organization_id in
// every WHERE.

/**
 * The public agent object (toAgentResource's shape and key order) as compact JSON text, put
 * together from pieces each row keeps of itself: the agent's text around its persona and pack,
 * the persona's member and the pack's (written by triggers on every insert and update,
 * drizzle/0018_agent-api-doc.sql). Why stored: formatting ~20 values per row (to_json, to_char)
 * cost Postgres more than the rest of a page; concatenating five texts costs next to nothing.
 */
const DOC = `(a.api_doc_head || p.api_doc || ',"knowledge_pack":' || coalesce(k.api_ref, 'null')
  || a.api_doc_tail) as doc`;
const JOINS = `from agents a join personas p on p.id = a.persona_id
  left join knowledge_packs k on k.id = a.knowledge_pack_id`;
// The org's exact agent_count (kept in every insert's and delete's transaction), read once per
// statement (an init plan): an offset page, even an empty one, needs no second statement.
const TOTAL = "(select o.agent_count from organizations o where o.id = $1)";
const ORDER = "order by a.created_at desc, a.id desc";
const ROWS = `select ${DOC}, a.id, a.created_at`;
// µs-precise, time-zone independent text form of a timestamp for the cursor (`at time zone
// interval` shifts by a fixed offset: no time zone lookup, unlike 'UTC').
const cursorTime = (t: string) => `to_char(${t} at time zone interval '0', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page as ONE row: `rows` (the page's rows in list order plus one, which says there is more)
 * aggregated into the data array's inner text, how many rows came, the total (when asked) and
 * the last row's position for the next cursor. Why one row: the driver then parses one message
 * instead of 51, the app joins nothing, and Postgres formats one cursor time instead of 51.
 * $2 is the page size.
 */
function onePage(rows: string, total: boolean): string {
  // Every aggregate orders as the rows arrive (list order), so Postgres sorts nothing here;
  // `rn <= $2` leaves out the one extra row. The last row's position: the arrays' last element.
  const listed = (col: string) => `${col} order by n.created_at desc, n.id desc) filter (where n.rn <= $2)`;
  return `select g.data, g.fetched, ${total ? TOTAL : "null::int"} as total,
  g.ids[cardinality(g.ids)] as last_id, ${cursorTime("g.times[cardinality(g.times)]")} as last_created_at
  from (select coalesce(string_agg(${listed("n.doc, ','")}, '') as data, count(*)::int as fetched,
    array_agg(${listed("n.id")} as ids, array_agg(${listed("n.created_at")} as times
    from (select p.*, row_number() over (order by p.created_at desc, p.id desc) as rn from (${rows}) p) n) g`;
}

const BY_PUBLIC_ID = `select ${DOC} ${JOINS} where a.organization_id = $1 and a.public_id = $2`;
// A replay's whole answer: the object, and the fingerprint of the request that created it
// (agents_org_idempotency_key_unique serves the lookup).
const BY_IDEMPOTENCY_KEY = `select ${DOC}, a.public_id::text as public_id, a.request_fingerprint
  ${JOINS} where a.organization_id = $1 and a.idempotency_key = $2`;
const PAGE_FIRST = onePage(`${ROWS} ${JOINS} where a.organization_id = $1 ${ORDER} limit $2 + 1`, true);
// The offset is applied to ids only (an index-only walk of agents_org_created_idx); the joins
// then run for the page's rows alone, not for every skipped row. `= any(array(…))` makes the ids
// an init plan looked up by primary key: with `in (…)` the prepared statement's generic plan
// hash-joined the subquery against a second walk of every agent of the org (twice the work).
export const PAGE_OFFSET = onePage(
  `${ROWS} ${JOINS} where a.organization_id = $1 and a.id = any(array(
  select i.id from agents i where i.organization_id = $1
  order by i.created_at desc, i.id desc limit $2 + 1 offset $3)) ${ORDER}`,
  true,
);
// A row value against the exact microsecond timestamp carried in the cursor: the list-order
// index serves it directly. Keyset pages carry no total.
const PAGE_KEYSET = onePage(
  `${ROWS} ${JOINS} where a.organization_id = $1
  and (a.created_at, a.id) < ($3::timestamptz, $4) ${ORDER} limit $2 + 1`,
  false,
);

/** One page: the data array's inner text, rows fetched (page size + 1 when there is more), the total
 * (null for a keyset page) and the last row's position (null on an empty page). */
export type AgentDocPage = {
  data: string;
  fetched: number;
  total: number | null;
  last_id: string | number | null;
  last_created_at: string | null;
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

/** A page of `limit` agents of the org in list order from `at`, unfiltered. */
export async function listAgentDocs(organizationId: number, limit: number, at: ApiPagePosition) {
  const [page] =
    at.kind === "keyset"
      ? await run<AgentDocPage>(PAGE_KEYSET, [organizationId, limit, at.afterCreatedAt, at.afterId])
      : at.kind === "offset"
        ? await run<AgentDocPage>(PAGE_OFFSET, [organizationId, limit, at.offset])
        : await run<AgentDocPage>(PAGE_FIRST, [organizationId, limit]);
  return page!;
}
