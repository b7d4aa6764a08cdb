import type postgres from "postgres";
import { generateApiKey } from "@/lib/api-keys/format";
import type { Goal, Row } from "./report";
import { ratio } from "./report";
import { type BenchContext, fnRow, httpRow } from "./scenarios";
import { replaceOrgAgent, upsertOrg } from "./seed";

// The conversations inbox at size (issue 13, acceptance 7): 200,000 conversations with
// 1,000,000 messages seeded by generate_series. Page 1 of GET /api/v1/conversations against the
// same statement in raw SQL; full-text search through the API and in raw SQL, with the GIN index
// and with bitmap scans switched off (what the search costs without the index).
type Sql = postgres.Sql;

export const CONVERSATIONS_ORG_SLUG = "bench-conversations";
export const BENCH_CONVERSATIONS = 200_000;
export const MESSAGES_PER_CONVERSATION = 5;
// One message in SEARCH_EVERY mentions refunds: a selective word, as real searches are.
const SEARCH_EVERY = 2_000;
const SEARCH_TERM = "refunds";

type ConversationsOrg = { id: number; key: string };

async function readKey(sql: Sql, organizationId: number): Promise<string> {
  const k = generateApiKey();
  await sql`
    insert into api_keys (organization_id, name, key_id, secret_hash, scopes)
    values (${organizationId}, 'bench', ${k.keyId}, ${k.secretHash}, ${["conversations:read"]})`;
  return k.key;
}

/** The org, its agent, conversations and messages: one statement per table, reused when complete. */
export async function seedConversationsOrg(sql: Sql): Promise<ConversationsOrg> {
  const id = await upsertOrg(sql, CONVERSATIONS_ORG_SLUG, 10);
  const want = BENCH_CONVERSATIONS * MESSAGES_PER_CONVERSATION;
  const [{ n } = { n: "0" }] = await sql<{ n: string }[]>`
    select coalesce(sum(message_count), 0)::text as n from conversations where organization_id = ${id}`;
  if (Number(n) !== want) {
    const t0 = performance.now();
    await sql.begin(async (tx) => {
      await tx`set local statement_timeout = 0`;
      const agentId = await replaceOrgAgent(tx, sql, id, "Inbox bench");
      await tx`update organizations set agent_count = 1 where id = ${id}`;
      // Newest activity = g 1; feedback on every seventh conversation.
      await tx`
        insert into conversations (organization_id, agent_id, visitor_id, created_at, last_message_at,
                                   message_count, feedback_up, feedback_down)
        select ${id}, ${agentId}, 'bench-visitor-' || g, now() - make_interval(secs => g * 60 + 300),
               now() - make_interval(secs => g * 60), ${MESSAGES_PER_CONVERSATION},
               (g % 7 = 0)::int, (g % 11 = 0)::int
        from generate_series(1, ${BENCH_CONVERSATIONS}) g`;
      await tx`
        insert into conversation_messages (conversation_id, role, content, input_tokens, output_tokens)
        select c.id, (case when k % 2 = 0 then 'assistant' else 'user' end)::message_role,
               case when (c.id * ${MESSAGES_PER_CONVERSATION} + k) % ${SEARCH_EVERY} = 0
                 then 'Can I get ' || ${SEARCH_TERM} || ' for order ' || c.id || ' placed last week?'
                 else 'Question ' || k || ' about shipping times and delivery to my address, order ' || c.id end,
               case when k % 2 = 0 then 800 end, case when k % 2 = 0 then 120 end
        from conversations c cross join generate_series(1, ${MESSAGES_PER_CONVERSATION}) k
        where c.organization_id = ${id}
        order by c.id, k`;
    });
    await sql`analyze conversations`;
    await sql`analyze conversation_messages`;
    process.stderr.write(
      `[bench] seeded ${BENCH_CONVERSATIONS} conversations / ${want} messages in ${Math.round(performance.now() - t0)} ms\n`,
    );
  }
  return { id, key: await readKey(sql, id) };
}

const utc = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const COLUMNS = `c.id, c.public_id, a.public_id as agent_public_id, a.name as agent_name,
  c.visitor_id, c.user_sub, c.user_name, c.user_email, c.message_count, c.feedback_up, c.feedback_down,
  ${utc("c.created_at")} as created_at, ${utc("c.last_message_at")} as last_message_at`;

/** The statement db/queries/conversation-read.ts runs for page 1 (no filters). */
function rawConversationsFirst(sql: Sql, organizationId: number, limit: number) {
  return sql.unsafe(
    `select ${COLUMNS} from conversations c join agents a on a.id = c.agent_id
     where c.organization_id = $1 order by c.last_message_at desc, c.id desc limit $2`,
    [organizationId, limit + 1],
    { prepare: true },
  );
}

/** Its search page: from the GIN matches (best message per conversation) to the keyset order. */
const SEARCH_SQL = `select ${COLUMNS},
    ts_headline('english', m.content, websearch_to_tsquery('english', $2),
      'StartSel=<b>,StopSel=</b>,MaxWords=20,MinWords=8') as snippet, best.rank
  from (select distinct on (sm.conversation_id) sm.conversation_id, sm.id,
          ts_rank(sm.search_vector, websearch_to_tsquery('english', $2)) as rank
        from conversation_messages sm where sm.search_vector @@ websearch_to_tsquery('english', $2)
        order by sm.conversation_id, rank desc, sm.id) best
    cross join lateral (select * from conversations c0 where c0.id = best.conversation_id offset 0) c
    join agents a on a.id = c.agent_id
    join conversation_messages m on m.id = best.id
  where c.organization_id = $1
  order by c.last_message_at desc, c.id desc limit $3`;

function rawSearch(sql: Sql, organizationId: number, limit: number, withIndex: boolean) {
  if (withIndex) return sql.unsafe(SEARCH_SQL, [organizationId, SEARCH_TERM, limit + 1], { prepare: true });
  // The same statement with bitmap scans off: a GIN index serves only bitmap scans, so the
  // planner must read every message, while the matches' conversations and messages are still
  // looked up by primary key (with index scans off too, each of those became a sequential scan).
  return sql.begin(async (tx) => {
    await tx`set local enable_bitmapscan = off`;
    return tx.unsafe(SEARCH_SQL, [organizationId, SEARCH_TERM, limit + 1], { prepare: true });
  });
}

export async function conversationScenarios(ctx: BenchContext): Promise<Row[]> {
  const org = await seedConversationsOrg(ctx.admin);
  const limit = 50;
  const auth = { authorization: `Bearer ${org.key}` };
  const rows: (Row | Row[] | undefined)[] = [];
  rows.push(
    await fnRow(ctx, "raw-conversations-first", "conversations page 1, one SQL", "raw-sql", () =>
      rawConversationsFirst(ctx.raw, org.id, limit),
    ),
  );
  rows.push(
    await httpRow(
      ctx,
      "api-conversations-first",
      "GET /api/v1/conversations page 1 (200k conversations)",
      { path: `/api/v1/conversations?limit=${limit}`, headers: auth },
      "raw-conversations-first",
    ),
  );
  rows.push(
    await fnRow(ctx, "raw-conversations-search", `search "${SEARCH_TERM}", GIN index`, "raw-sql", () =>
      rawSearch(ctx.raw, org.id, limit, true),
    ),
  );
  rows.push(
    await fnRow(
      ctx,
      "raw-conversations-search-noindex",
      `search "${SEARCH_TERM}", no GIN index: bitmap scans off (reads 1M messages)`,
      "raw-sql",
      () => rawSearch(ctx.raw, org.id, limit, false),
      "raw-conversations-search",
    ),
  );
  rows.push(
    await httpRow(
      ctx,
      "api-conversations-search",
      `GET /api/v1/conversations?q=${SEARCH_TERM}`,
      { path: `/api/v1/conversations?limit=${limit}&q=${SEARCH_TERM}`, headers: auth },
      "raw-conversations-search",
    ),
  );
  return rows.flat().filter((r): r is Row => Boolean(r));
}

export function conversationGoals(rows: Row[]): Goal[] {
  const goals: Goal[] = [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const list = ratio(rows, "api-conversations-first", "raw-conversations-first");
  if (list !== undefined)
    goals.push({ goal: "conversations page 1 ≥ 30 % of its raw SQL", value: pct(list), pass: list >= 0.3 });
  const api = rows.find((r) => r.id === "api-conversations-first");
  if (api && api.statementsPerRequest !== null)
    goals.push({
      goal: "conversations page 1: one statement plus the key lookup",
      value: `${api.statementsPerRequest} statements`,
      // 0 means the probe failed (no statement ran to completion): not a pass.
      pass: api.statementsPerRequest >= 1 && api.statementsPerRequest <= 2,
    });
  // [row, baseline, goal, minimum]: throughput ratios printed as "N×".
  const times: [string, string, string, number][] = [
    [
      "raw-conversations-search",
      "raw-conversations-search-noindex",
      "search with the GIN index ≥ 10× without",
      10,
    ],
    [
      "api-conversations-search",
      "raw-conversations-search-noindex",
      "(for reference) API search vs raw search without the index",
      1,
    ],
  ];
  for (const [id, baseline, goal, min] of times) {
    const x = ratio(rows, id, baseline);
    if (x !== undefined) goals.push({ goal, value: `${x.toFixed(1)}×`, pass: x >= min });
  }
  return goals;
}
