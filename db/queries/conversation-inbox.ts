import { sql } from "drizzle-orm";
import type { Executor } from "@/db";

// Dashboard-only reads beside the inbox list: the agent filter's choices and an agent's 30 days.

export async function listAgentChoices(db: Executor, organizationId: number) {
  const rows = await db.execute<{ public_id: string; name: string }>(sql`select public_id, name
    from agents where organization_id = ${organizationId} order by lower(name), id limit 500`);
  return [...rows];
}

export type AgentDay = { day: string; conversations: number; messages: number; up: number; down: number };

/** One row per UTC day of the last `days` days (today last), zeros included; one statement. */
export async function agentActivityByDay(db: Executor, agentId: number, days: number): Promise<AgentDay[]> {
  const rows = await db.execute<AgentDay>(sql`
    with bounds as (
      select (now() at time zone 'UTC')::date - ${days - 1}::int as first_day),
    since as (select (first_day::timestamp at time zone 'UTC') as at, first_day from bounds),
    conv as (
      select (c.created_at at time zone 'UTC')::date as day, count(*) as n
      from conversations c, since
      where c.agent_id = ${agentId} and c.created_at >= since.at group by 1),
    msg as (
      select (m.created_at at time zone 'UTC')::date as day, count(*) as n,
        count(*) filter (where m.feedback_rating = 'up') as up,
        count(*) filter (where m.feedback_rating = 'down') as down
      from conversations c join conversation_messages m on m.conversation_id = c.id, since
      where c.agent_id = ${agentId} and c.last_message_at >= since.at and m.created_at >= since.at
      group by 1)
    select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(conv.n, 0)::int as conversations,
      coalesce(msg.n, 0)::int as messages, coalesce(msg.up, 0)::int as up, coalesce(msg.down, 0)::int as down
    from since, generate_series(since.first_day, since.first_day + ${days - 1}::int, interval '1 day') g(ts)
      cross join lateral (select g.ts::date as day) d
      left join conv on conv.day = d.day left join msg on msg.day = d.day
    order by d.day`);
  return [...rows];
}
