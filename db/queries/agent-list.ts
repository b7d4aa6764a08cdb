import { and, count, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { agents, organizations } from "@/db/schema";
import { preparedAgentReads } from "./agent-prepared";
import { type AgentRow, agentColumns, agentRelations } from "./agent-shape";

export type OptimizationStatus = AgentRow["optimizationStatus"];

export type AgentListFilters = {
  q?: string;
  persona?: string;
  optimizationStatus?: OptimizationStatus;
};

export type AgentListOptions = AgentListFilters & {
  limit: number;
  /** Offset mode (default). Ignored when `after` is set. */
  offset?: number;
  /** Keyset mode: rows strictly after this (created_at, id) in list order. */
  after?: { createdAt: string; id: number };
};

export type AgentListRow = AgentRow & { cursorCreatedAt: string };

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

function filterConditions(organizationId: number, f: AgentListFilters): SQL[] {
  const conds: SQL[] = [eq(agents.organizationId, organizationId)];
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
 * One page of an org's agents, newest first, each with its persona and knowledge pack.
 * The page is ONE relational query (Drizzle compiles `with` into lateral joins); offset mode adds
 * one count statement. Keyset mode compares (created_at, id) as a row value against the exact
 * microsecond timestamp carried in the cursor, which the list-order index serves directly.
 */
export async function listAgentsForOrganization(
  db: Executor,
  organizationId: number,
  opts: AgentListOptions,
): Promise<AgentListPage> {
  const conds = filterConditions(organizationId, opts);
  const where = [...conds];
  if (opts.after) {
    where.push(
      sql`(${agents.createdAt}, ${agents.id}) < (${opts.after.createdAt}::timestamptz, ${opts.after.id})`,
    );
  }
  const unfiltered = !opts.q && !opts.persona && !opts.optimizationStatus;
  // The common unfiltered pages run as prepared queries (db/queries/agent-prepared.ts): same SQL,
  // without rebuilding the relational query on every request.
  const prepared = unfiltered ? preparedAgentReads(db) : undefined;
  const limit = opts.limit + 1;
  const pageQuery = prepared
    ? opts.after
      ? prepared.keyset.execute({
          org: organizationId,
          afterCreatedAt: opts.after.createdAt,
          afterId: opts.after.id,
          limit,
        })
      : opts.offset
        ? prepared.offset.execute({ org: organizationId, limit, offset: opts.offset })
        : prepared.first.execute({ org: organizationId, limit })
    : db.query.agents.findMany({
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
        limit: opts.limit + 1,
        offset: opts.after ? undefined : (opts.offset ?? 0),
      });
  // Unfiltered, the total is the org's agent_count (kept exact in the same transaction as every
  // insert and delete): a primary-key read instead of count(*), which at 100,000 agents is a
  // ~30 ms scan on every page (bench/: it capped the list at ~20 req/s on 2 cores).
  const countQuery = opts.after
    ? undefined
    : unfiltered
      ? db
          .select({ n: organizations.agentCount })
          .from(organizations)
          .where(eq(organizations.id, organizationId))
      : db
          .select({ n: count() })
          .from(agents)
          .where(and(...conds));
  const [rows, counted] = await Promise.all([pageQuery, countQuery]);
  const hasMore = rows.length > opts.limit;
  return {
    rows: (hasMore ? rows.slice(0, opts.limit) : rows) as AgentListRow[],
    hasMore,
    total: counted ? (counted[0]?.n ?? 0) : null,
  };
}
