import { and, count, desc, eq, ilike, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { agents, organizations } from "@/db/schema";
import { onExecutor, preparedFor } from "./prepared-cache";

// The one agent read: every read loads these columns with its persona and knowledge pack in one
// statement (Drizzle's relational query compiles `with` into lateral joins). Each query is
// defined once over values-or-placeholders: the hottest shapes (unfiltered list pages, one agent
// by id) run prepared, built once per database client, because building a relational query
// costs CPU on every call; filtered pages and reads inside a transaction run the same definition
// with values.

const agentColumns = {
  id: true,
  publicId: true,
  organizationId: true,
  name: true,
  description: true,
  industry: true,
  systemPrompt: true,
  optimizedSystemPrompt: true,
  useOptimizedPrompt: true,
  promptVersion: true,
  optimizationStatus: true,
  optimizationError: true,
  optimizationRationale: true,
  optimizationMetadata: true,
  optimizationRequestedAt: true,
  optimizationEventSentAt: true,
  optimizationUpdatedAt: true,
  widgetConfig: true,
  config: true,
  allowedOrigins: true,
  identityVerification: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

type AgentColumnKey = keyof typeof agentColumns;
const agentColumnKeys = Object.keys(agentColumns) as AgentColumnKey[];

/** The read's columns picked from the table or a CTE over it: create returns exactly what reads do. */
export function pickAgentColumns<T extends Record<AgentColumnKey, unknown>>(
  source: T,
): Pick<T, AgentColumnKey> {
  return Object.fromEntries(agentColumnKeys.map((k) => [k, source[k]])) as Pick<T, AgentColumnKey>;
}

const agentRelations = {
  persona: { columns: { key: true, name: true, description: true } },
  knowledgePack: { columns: { publicId: true, name: true } },
} as const;

type Value<T> = T | Placeholder;

function agentByPublicIdQuery(db: Executor, org: Value<number>, publicId: Value<string>) {
  return db.query.agents.findFirst({
    columns: agentColumns,
    with: agentRelations,
    where: and(eq(agents.organizationId, org), eq(agents.publicId, publicId)),
  });
}

/** A replay's whole answer in one statement: the agent a key created, and that request's fingerprint. */
function agentByIdempotencyKeyQuery(db: Executor, org: Value<number>, key: Value<string>) {
  return db.query.agents.findFirst({
    columns: { ...agentColumns, requestFingerprint: true },
    with: agentRelations,
    where: and(eq(agents.organizationId, org), eq(agents.idempotencyKey, key)),
  });
}

type Position =
  | { kind: "first" }
  | { kind: "offset"; offset: Value<number> }
  | { kind: "keyset"; afterCreatedAt: Value<string>; afterId: Value<number> };

/** One page in list order (newest first); `filters` narrow it inside the same statement. */
function agentPageQuery(
  db: Executor,
  org: Value<number>,
  limit: Value<number>,
  at: Position,
  filters: SQL[] = [],
) {
  const where: SQL[] = [eq(agents.organizationId, org), ...filters];
  let offset: Value<number> | undefined;
  if (at.kind === "keyset") {
    // A row value against the exact microsecond timestamp carried in the cursor: the list-order
    // index serves it directly.
    where.push(sql`(${agents.createdAt}, ${agents.id}) < (${at.afterCreatedAt}::timestamptz, ${at.afterId})`);
  } else if (at.kind === "offset" && filters.length === 0) {
    // Unfiltered, the offset is applied to ids only (an index-only walk of agents_org_created_idx);
    // the lateral persona/pack joins then run for the page's rows alone, not for every skipped row.
    where.push(
      sql`${agents.id} in (select "a"."id" from "agents" "a" where "a"."organization_id" = ${org} order by "a"."created_at" desc, "a"."id" desc limit ${limit} offset ${at.offset})`,
    );
  } else if (at.kind === "offset") {
    offset = at.offset;
  }
  return db.query.agents.findMany({
    columns: agentColumns,
    with: agentRelations,
    extras: {
      // µs-precise, time-zone independent text form of created_at for the cursor.
      cursorCreatedAt:
        sql<string>`to_char(${agents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
          "cursor_created_at",
        ),
    },
    where: and(...where),
    orderBy: [desc(agents.createdAt), desc(agents.id)],
    limit,
    offset,
  });
}

function buildPreparedReads(db: Executor) {
  const org = sql.placeholder("org");
  const limit = sql.placeholder("limit");
  return {
    first: agentPageQuery(db, org, limit, { kind: "first" }).prepare("agents_page_first"),
    offset: agentPageQuery(db, org, limit, { kind: "offset", offset: sql.placeholder("offset") }).prepare(
      "agents_page_offset",
    ),
    keyset: agentPageQuery(db, org, limit, {
      kind: "keyset",
      afterCreatedAt: sql.placeholder("afterCreatedAt"),
      afterId: sql.placeholder("afterId"),
    }).prepare("agents_page_keyset"),
    byPublicId: agentByPublicIdQuery(db, org, sql.placeholder("publicId")).prepare("agent_by_public_id"),
    byIdempotencyKey: agentByIdempotencyKeyQuery(db, org, sql.placeholder("key")).prepare(
      "agent_by_idempotency_key",
    ),
  };
}

/** The prepared agent reads for this executor's client; undefined for a transaction. */
export function preparedAgentReads(db: Executor) {
  return preparedFor(db, buildPreparedReads);
}

export type AgentRow = NonNullable<Awaited<ReturnType<typeof agentByPublicIdQuery>>>;
export type AgentListRow = Awaited<ReturnType<typeof agentPageQuery>>[number];
export type OptimizationStatus = AgentRow["optimizationStatus"];

/** Tenancy lives in the WHERE clause: another org's id simply finds nothing. */
export async function findAgentByPublicId(
  db: Executor,
  organizationId: number,
  publicId: string,
): Promise<AgentRow | undefined> {
  const prepared = preparedAgentReads(db);
  if (prepared) return onExecutor(prepared.byPublicId, db).execute({ org: organizationId, publicId });
  return agentByPublicIdQuery(db, organizationId, publicId);
}

/** The agent an idempotency key created in this org, with that request's fingerprint. */
export async function findAgentRowByIdempotencyKey(db: Executor, organizationId: number, key: string) {
  const prepared = preparedAgentReads(db);
  if (prepared) return onExecutor(prepared.byIdempotencyKey, db).execute({ org: organizationId, key });
  return agentByIdempotencyKeyQuery(db, organizationId, key);
}

export type AgentListFilters = { q?: string; persona?: string; optimizationStatus?: OptimizationStatus };

export type AgentListOptions = AgentListFilters & {
  limit: number;
  /** Offset mode (default). Ignored when `after` is set. */
  offset?: number;
  /** Keyset mode: rows strictly after this (created_at, id) in list order. */
  after?: { createdAt: string; id: number };
};

export type AgentListPage = {
  rows: AgentListRow[];
  hasMore: boolean;
  /** null in keyset mode: counting would cost a second statement on every deep page. */
  total: number | null;
};

/** ILIKE pattern for "name contains q", with the pattern characters escaped. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterConditions(f: AgentListFilters): SQL[] {
  const conds: SQL[] = [];
  if (f.q) conds.push(ilike(agents.name, containsPattern(f.q)));
  // A sub-select keeps the persona filter inside the page's one statement. Written with its own
  // alias: inside a relational query Drizzle re-qualifies column objects with the root alias.
  if (f.persona)
    conds.push(
      sql`${agents.personaId} = (select "p"."id" from "personas" "p" where "p"."key" = ${f.persona})`,
    );
  if (f.optimizationStatus) conds.push(eq(agents.optimizationStatus, f.optimizationStatus));
  return conds;
}

/**
 * One page of an org's agents, newest first, each with its persona and knowledge pack: ONE
 * statement, plus one count statement in offset mode.
 */
export async function listAgentsForOrganization(
  db: Executor,
  organizationId: number,
  opts: AgentListOptions,
): Promise<AgentListPage> {
  const filters = filterConditions(opts);
  const limit = opts.limit + 1;
  const at: Position = opts.after
    ? { kind: "keyset", afterCreatedAt: opts.after.createdAt, afterId: opts.after.id }
    : opts.offset
      ? { kind: "offset", offset: opts.offset }
      : { kind: "first" };
  const prepared = filters.length === 0 ? preparedAgentReads(db) : undefined;
  const pageQuery = !prepared
    ? agentPageQuery(db, organizationId, limit, at, filters)
    : at.kind === "keyset"
      ? onExecutor(prepared.keyset, db).execute({
          org: organizationId,
          limit,
          afterCreatedAt: at.afterCreatedAt,
          afterId: at.afterId,
        })
      : at.kind === "offset"
        ? onExecutor(prepared.offset, db).execute({ org: organizationId, limit, offset: at.offset })
        : onExecutor(prepared.first, db).execute({ org: organizationId, limit });
  // Unfiltered, the total is the org's agent_count (kept exact in the same transaction as every
  // insert and delete): a primary-key read instead of a count(*) scan on every page.
  const countQuery = opts.after
    ? undefined
    : filters.length === 0
      ? db
          .select({ n: organizations.agentCount })
          .from(organizations)
          .where(eq(organizations.id, organizationId))
      : db
          .select({ n: count() })
          .from(agents)
          .where(and(eq(agents.organizationId, organizationId), ...filters));
  const [rows, counted] = await Promise.all([pageQuery, countQuery]);
  const hasMore = rows.length > opts.limit;
  return {
    rows: hasMore ? rows.slice(0, opts.limit) : rows,
    hasMore,
    total: counted ? (counted[0]?.n ?? 0) : null,
  };
}
