import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";

// Transcript retention: each statement deletes at most `batch` rows (short locks), counts per
// org, and keeps conversation counters right. `cutoff` is the per-org SQL expression of the
// oldest instant that may remain (see lib/conversations/retention.ts).

export async function deleteExpiredMessages(db: Executor, cutoff: SQL, scope: SQL, batch: number) {
  const rows = await db.execute<{ organization_id: number; n: number }>(sql`
    with victims as (
      select m.id, m.conversation_id, c.organization_id
      from conversation_messages m
        join conversations c on c.id = m.conversation_id
        join organizations o on o.id = c.organization_id
      where ${scope} and m.created_at < ${cutoff}
      limit ${batch}
    ), d as (
      delete from conversation_messages m using victims v where m.id = v.id
      returning v.conversation_id, v.organization_id
    ), per as (
      select conversation_id, count(*)::int as n from d group by conversation_id
    ), fix as (
      update conversations c set message_count = greatest(c.message_count - per.n, 0)
      from per where c.id = per.conversation_id
    )
    select organization_id, count(*)::int as n from d group by organization_id`);
  return [...rows].map((r) => ({ organizationId: Number(r.organization_id), count: r.n }));
}

export async function deleteExpiredConversations(db: Executor, cutoff: SQL, scope: SQL, batch: number) {
  const rows = await db.execute<{ organization_id: number; n: number }>(sql`
    with victims as (
      select c.id from conversations c join organizations o on o.id = c.organization_id
      where ${scope} and c.last_message_at < ${cutoff}
      limit ${batch}
    ), d as (
      delete from conversations c using victims v where c.id = v.id returning c.organization_id
    )
    select organization_id, count(*)::int as n from d group by organization_id`);
  return [...rows].map((r) => ({ organizationId: Number(r.organization_id), count: r.n }));
}
