import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { PLAN_KEYS, PLANS } from "@/lib/plans";

// The monthly message budget. Taking a message is ONE statement: the org's limit (its override,
// else its plan's), the insert of the month's row or the increment of it only while below the
// limit, and the threshold bookkeeping; the row lock serializes concurrent takes, so under any
// concurrency the org never gets more than its limit.

const planLimit = sql.join(
  [sql`case o.plan`, ...PLAN_KEYS.map((k) => sql`when ${k} then ${PLANS[k].monthlyMessages}::int`), sql`end`],
  sql` `,
);

/**
 * The threshold (percent) that `used` of `limit` has reached: 100, 80 or 0. In bigint: `limit * 4`
 * of an int limit above about 536 million would overflow int4 and fail every message.
 */
const level = (used: SQL, limit: SQL) =>
  sql`(case when ${used} >= ${limit} then 100 when (${used})::bigint * 5 >= (${limit})::bigint * 4 then 80 else 0 end)::smallint`;

export type MessageTake =
  | { taken: true; used: number; limit: number; crossed: (80 | 100)[] }
  | { taken: false };

export async function takeMonthlyMessage(
  db: Executor,
  organizationId: number,
  month: string,
): Promise<MessageTake> {
  const lim = sql`(select l from lim)`;
  const rows = await db.execute<{ used: number; notified: number; notified_before: number; lim: number }>(sql`
    with lim as (
      select coalesce(o.monthly_message_limit, ${planLimit}) as l from organizations o where o.id = ${organizationId}
    )
    insert into org_message_usage as u (organization_id, month, used, notified, notified_before)
    select ${organizationId}, ${month}::date, 1, ${level(sql`1`, sql`lim.l`)}, 0 from lim where lim.l > 0
    on conflict (organization_id, month) do update
      set used = u.used + 1,
          notified_before = u.notified,
          notified = greatest(u.notified, ${level(sql`(u.used + 1)`, lim)})
      where u.used < ${lim}
    returning u.used, u.notified, u.notified_before, ${lim} as lim`);
  const row = rows[0];
  if (!row) return { taken: false };
  const crossed = ([80, 100] as const).filter((t) => row.notified_before < t && row.notified >= t);
  return { taken: true, used: Number(row.used), limit: Number(row.lim), crossed: [...crossed] };
}

/** Gives a taken message back (the model call failed before any text). */
export async function releaseMonthlyMessage(
  db: Executor,
  organizationId: number,
  month: string,
): Promise<void> {
  await db.execute(sql`
    update org_message_usage set used = used - 1
    where organization_id = ${organizationId} and month = ${month}::date and used > 0`);
}

export type ReplyUsage = { inputTokens: number; outputTokens: number };

/**
 * Stores an assistant reply, counts it on its conversation (message_count, last activity) and
 * adds it to the day's usage of its agent, in ONE statement (the reply's cost to the database is
 * the insert it always had). The day is the UTC date.
 */
export async function insertReplyWithUsage(
  db: Executor,
  reply: {
    organizationId: number;
    agentId: number;
    conversationId: number;
    content: string;
    sources?: unknown[];
  },
  usage: ReplyUsage | undefined,
): Promise<{ publicId: string }> {
  const input = usage?.inputTokens ?? null;
  const output = usage?.outputTokens ?? null;
  const rows = await db.execute<{ public_id: string }>(sql`
    with m as (
      insert into conversation_messages (conversation_id, role, content, input_tokens, output_tokens, sources)
      values (${reply.conversationId}, 'assistant', ${reply.content}, ${input}::int, ${output}::int,
        ${JSON.stringify(reply.sources ?? [])}::jsonb)
      returning public_id, created_at
    ), c as (
      update conversations set message_count = message_count + 1,
        last_message_at = greatest(last_message_at, (select created_at from m)), updated_at = now()
      where id = ${reply.conversationId}
    ), d as (
      insert into usage_daily as d (organization_id, day, agent_id, messages, input_tokens, output_tokens)
      values (${reply.organizationId}, (now() at time zone 'utc')::date, ${reply.agentId}, 1,
        coalesce(${input}::int, 0), coalesce(${output}::int, 0))
      on conflict (organization_id, day, agent_id) do update
        set messages = d.messages + 1,
            input_tokens = d.input_tokens + excluded.input_tokens,
            output_tokens = d.output_tokens + excluded.output_tokens
    )
    select public_id from m`);
  return { publicId: rows[0]!.public_id };
}
