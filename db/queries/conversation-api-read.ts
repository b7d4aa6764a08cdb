import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { sqlClient } from "@/db";
import { type ConversationFilters, conversationConditions } from "./conversation-read";

// The API's inbox list page (no search) with the public conversation object of API.md built by
// Postgres: each row carries the object as JSON text, which the route passes through without
// parsing and re-serialising it (as the agents list does, db/queries/agent-api-read.ts). Why: for
// a page of 50, mapping the rows in JS and writing the JSON cost the server more CPU than the
// query cost Postgres. The text is compact and in toConversationResource's key order (the
// integration tests hold it byte for byte to JSON.stringify). A search page stays in JS: its
// snippet is escaped there.
// Tenancy: organization_id is the first condition of conversationConditions.

// Microsecond text, the form the rows of conversation-read.ts carry (and the cursor needs).
const utc = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * toConversationResource's shape and key order as JSON text; `user` only for a verified user.
 * Concatenated, not row_to_json of nested subselects: each nested object was a subplan run per
 * row, and Postgres spent more on them than on the rest of the page. to_json escapes each text
 * value exactly as row_to_json (and JSON.stringify) would; ids, numbers and timestamps need none.
 */
const DOC = sql.raw(`('{"object":"conversation","id":"' || c.public_id::text || '","agent":{"id":"'
  || a.public_id::text || '","name":' || to_json(a.name)::text
  || '},"visitor_id":' || to_json(c.visitor_id)::text
  || ',"user":' || case when coalesce(c.user_sub, '') = '' then 'null'
    else '{"id":' || to_json(c.user_sub)::text || ',"name":' || coalesce(to_json(c.user_name)::text, 'null')
      || ',"email":' || coalesce(to_json(c.user_email)::text, 'null') || '}' end
  || ',"started_at":"' || ${utc("c.created_at")} || '","last_message_at":"' || t.last_message_at
  || '","message_count":' || c.message_count::text
  || ',"feedback":{"up":' || c.feedback_up::text || ',"down":' || c.feedback_down::text || '}}') as doc`);

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
  const unfiltered = Object.values(filters).every((v) => v === undefined);
  const query = unfiltered
    ? unfilteredQuery(organizationId, page)
    : dialect.sqlToQuery(conversationDocsStatement(organizationId, filters, page));
  return (await sqlClient().unsafe(query.sql, query.params as never[], {
    prepare: true,
  })) as unknown as ConversationDocRow[];
}

// The unfiltered page's two statements (first page, keyset page) rendered once: the same text
// conversationDocsStatement renders, its parameters in the order it puts them.
const unfilteredText = new Map<boolean, string>();

function unfilteredQuery(organizationId: number, page: DocsPage) {
  const keyset = page.after !== undefined;
  let text = unfilteredText.get(keyset);
  if (text === undefined) {
    text = dialect.sqlToQuery(conversationDocsStatement(organizationId, {}, page)).sql;
    unfilteredText.set(keyset, text);
  }
  const params = page.after
    ? [organizationId, page.after.at, page.after.id, page.limit]
    : [organizationId, page.limit];
  return { sql: text, params };
}
