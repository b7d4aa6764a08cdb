import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { sqlClient } from "@/db";
import { type ConversationFilters, conversationConditions } from "./conversation-read";

// The API's inbox list page (no search) with the public conversation object of API.md built by
// Postgres: each row carries the object as JSON text, which the route passes through without
// parsing and re-serialising it (as the agents list does, db/queries/agent-api-read.ts). Why: for
// a page of 50, mapping the rows in JS and writing the JSON cost the server more CPU than the
// query cost Postgres. row_to_json writes compact JSON in the column order given here, which is
// toConversationResource's key order. A search page stays in JS: its snippet is escaped there.
// Tenancy: organization_id is the first condition of conversationConditions.

// Microsecond text, the form the rows of conversation-read.ts carry (and the cursor needs).
const utc = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** toConversationResource's shape and key order as JSON text; `user` only for a verified user. */
const DOC = sql.raw(`(select row_to_json(d)::text from (select 'conversation' as "object",
  c.public_id as "id", (select row_to_json(x) from (select a.public_id as "id", a.name) x) as agent,
  c.visitor_id,
  case when coalesce(c.user_sub, '') = '' then null
    else (select row_to_json(x) from (select c.user_sub as "id", c.user_name as "name",
      c.user_email as "email") x) end as "user",
  ${utc("c.created_at")} as started_at, t.last_message_at, c.message_count,
  (select row_to_json(x) from (select c.feedback_up as up, c.feedback_down as down) x) as feedback) d) as doc`);

export type ConversationDocRow = { doc: string; id: string | number; last_message_at: string };

const dialect = new PgDialect();

type DocsPage = { limit: number; after?: { at: string; id: number } };

/** The page statement (also what the plan test explains). */
export function conversationDocsStatement(
  organizationId: number,
  filters: Omit<ConversationFilters, "q">,
  page: DocsPage,
) {
  const after = page.after
    ? sql` and (c.last_message_at, c.id) < (${page.after.at}::timestamptz, ${page.after.id}::bigint)`
    : sql``;
  return sql`select ${DOC}, c.id, t.last_message_at
    from conversations c join agents a on a.id = c.agent_id
      cross join lateral (select ${sql.raw(utc("c.last_message_at"))} as last_message_at) t
    where ${conversationConditions(organizationId, filters)}${after}
    order by c.last_message_at desc, c.id desc limit ${page.limit}`;
}

/** `limit` rows of the org's inbox in list order after `after`: each a conversation's JSON text. */
export async function listConversationDocs(
  organizationId: number,
  filters: Omit<ConversationFilters, "q">,
  page: DocsPage,
): Promise<ConversationDocRow[]> {
  const query = dialect.sqlToQuery(conversationDocsStatement(organizationId, filters, page));
  return (await sqlClient().unsafe(query.sql, query.params as never[], {
    prepare: true,
  })) as unknown as ConversationDocRow[];
}
