import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { agents } from "@/db/schema";
import { agentColumns, agentRelations } from "./agent-shape";
import { preparedFor } from "./prepared-cache";

// Prepared forms of the hottest agent reads: the unfiltered list page (offset and keyset) and
// one agent by public id. Why: building a Drizzle relational query costs about a millisecond of
// CPU on every call — on this 2-core machine the same list page ran 816/s built per call and
// 1,563/s prepared (bench/, 16 concurrent). Built once per database client, then executed with
// placeholders (db/queries/prepared-cache.ts); the SQL is identical. Inside a transaction callers
// build as before.

const cursorCreatedAt = () =>
  sql<string>`to_char(${agents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
    "cursor_created_at",
  );

function buildPages(db: Executor) {
  const org = eq(agents.organizationId, sql.placeholder("org"));
  const orderBy = [desc(agents.createdAt), desc(agents.id)];
  return {
    first: db.query.agents
      .findMany({
        columns: agentColumns,
        with: agentRelations,
        extras: { cursorCreatedAt: cursorCreatedAt() },
        where: org,
        orderBy,
        limit: sql.placeholder("limit"),
      })
      .prepare("agents_page_first"),
    offset: db.query.agents
      .findMany({
        columns: agentColumns,
        with: agentRelations,
        extras: { cursorCreatedAt: cursorCreatedAt() },
        // The offset is applied to ids only (an index-only walk of agents_org_created_idx); the
        // lateral persona/pack joins then run for the page's rows alone, not for every skipped row.
        // At offset 99,950 of 100,000 this took the page from ~70 ms to ~10 ms.
        where: and(
          org,
          sql`${agents.id} in (select "a"."id" from "agents" "a" where "a"."organization_id" = ${sql.placeholder("org")} order by "a"."created_at" desc, "a"."id" desc limit ${sql.placeholder("limit")} offset ${sql.placeholder("offset")})`,
        ),
        orderBy,
        limit: sql.placeholder("limit"),
      })
      .prepare("agents_page_offset"),
    keyset: db.query.agents
      .findMany({
        columns: agentColumns,
        with: agentRelations,
        extras: { cursorCreatedAt: cursorCreatedAt() },
        where: and(
          org,
          sql`(${agents.createdAt}, ${agents.id}) < (${sql.placeholder("afterCreatedAt")}::timestamptz, ${sql.placeholder("afterId")})`,
        ),
        orderBy,
        limit: sql.placeholder("limit"),
      })
      .prepare("agents_page_keyset"),
    byPublicId: db.query.agents
      .findFirst({
        columns: agentColumns,
        with: agentRelations,
        where: and(org, eq(agents.publicId, sql.placeholder("publicId"))),
      })
      .prepare("agent_by_public_id"),
  };
}

/** The prepared agent reads for this executor's client; undefined for a transaction. */
export function preparedAgentReads(db: Executor) {
  return preparedFor(db, buildPages);
}
