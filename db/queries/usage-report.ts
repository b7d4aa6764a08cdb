import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import type { PlanKey } from "@/lib/plans";

// A month's usage of one org, read from the budget counter and the per-day aggregate (never from
// the messages themselves): a fixed number of statements whatever the month's traffic. Both
// reads are range scans of a primary key that starts with (organization_id, month or day).

type Num = string | number;

/** The org's plan, its override and the month's counter (0 when nothing was taken). */
export async function findMonthBudget(db: Executor, organizationId: number, month: string) {
  const rows = await db.execute<{
    plan: PlanKey;
    monthly_message_limit: number | null;
    used: Num | null;
  }>(sql`
    select o.plan, o.monthly_message_limit, u.used
    from organizations o
    left join org_message_usage u on u.organization_id = o.id and u.month = ${month}::date
    where o.id = ${organizationId}`);
  const row = rows[0];
  if (!row) return undefined;
  return { plan: row.plan, monthlyMessageLimit: row.monthly_message_limit, used: Number(row.used ?? 0) };
}

export type AgentUsageRow = {
  agent: { id: string; name: string } | null;
  messages: number;
  inputTokens: number;
  outputTokens: number;
};

const monthRange = (month: string) =>
  sql`d.day >= ${month}::date and d.day < (${month}::date + interval '1 month')::date`;

/** Per agent, most messages first; a deleted agent's usage is one row with `agent: null`. */
export async function listAgentUsage(db: Executor, organizationId: number, month: string) {
  const rows = await db.execute<{
    public_id: string | null;
    name: string | null;
    messages: Num;
    input_tokens: Num;
    output_tokens: Num;
  }>(sql`
    select a.public_id, a.name, sum(d.messages) as messages,
      sum(d.input_tokens) as input_tokens, sum(d.output_tokens) as output_tokens
    from usage_daily d
    left join agents a on a.id = d.agent_id and a.organization_id = d.organization_id
    where d.organization_id = ${organizationId} and ${monthRange(month)}
    group by a.public_id, a.name
    order by sum(d.messages) desc, a.name nulls last, a.public_id`);
  return rows.map(
    (r): AgentUsageRow => ({
      agent: r.public_id && r.name !== null ? { id: r.public_id, name: r.name } : null,
      messages: Number(r.messages),
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
    }),
  );
}

export type DayUsageRow = { day: string; messages: number; inputTokens: number; outputTokens: number };

/** The month's days that had replies, in order (the dashboard's chart). */
export async function listDailyUsage(db: Executor, organizationId: number, month: string) {
  const rows = await db.execute<{ day: string; messages: Num; input_tokens: Num; output_tokens: Num }>(sql`
    select to_char(d.day, 'YYYY-MM-DD') as day, sum(d.messages) as messages,
      sum(d.input_tokens) as input_tokens, sum(d.output_tokens) as output_tokens
    from usage_daily d
    where d.organization_id = ${organizationId} and ${monthRange(month)}
    group by d.day
    order by d.day`);
  return rows.map(
    (r): DayUsageRow => ({
      day: r.day,
      messages: Number(r.messages),
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
    }),
  );
}
