import { sql } from "drizzle-orm";
import type { Executor } from "@/db";

// The outbox's second half: jobs whose event Inngest accepted (stamped as sent, or a delivery
// handed off) that never ran. Each job is keyed by its original event id; job_resends counts
// how often it was re-sent and when last, so the sweep waits the configured time between tries.

export type StaleJob = { eventId: string; organizationId: number; publicId: string; tries: number };
export type StaleOptimization = StaleJob & { promptVersion: number; requestedAt: Date | null };

// Same id as optimizeEventId() builds in JS: public id, version and the cycle's milliseconds.
const optimizationEventId = sql`a.public_id || ':v' || a.prompt_version || coalesce(':' ||
  floor(extract(epoch from date_trunc('milliseconds', a.optimization_requested_at)) * 1000)::bigint, '')`;

/** Sent optimizations still pending/running, untouched and not re-sent for `staleSeconds`. */
export async function listStaleOptimizations(
  db: Executor,
  opts: { staleSeconds: number; limit: number; organizationId?: number },
): Promise<StaleOptimization[]> {
  const rows = await db.execute<{
    event_id: string;
    organization_id: number;
    public_id: string;
    prompt_version: number;
    requested_at: string | null;
    tries: number;
  }>(sql`
    select j.event_id, j.organization_id, j.public_id, j.prompt_version, j.requested_at,
      coalesce(r.tries, 0) as tries
    from (
      select ${optimizationEventId} as event_id, a.organization_id, a.public_id, a.prompt_version,
        a.optimization_requested_at as requested_at,
        coalesce(a.optimization_updated_at, a.optimization_requested_at, a.created_at) as touched_at
      from agents a
      where a.optimization_status in ('pending', 'running') and a.optimization_event_sent_at is not null
        and (${opts.organizationId ?? null}::bigint is null or a.organization_id = ${opts.organizationId ?? null})
    ) j
    left join job_resends r on r.kind = 'optimization' and r.event_id = j.event_id
    where greatest(j.touched_at, r.last_sent_at) < now() - make_interval(secs => ${opts.staleSeconds})
    order by j.touched_at
    limit ${opts.limit}`);
  return rows.map((r) => ({
    eventId: r.event_id,
    organizationId: Number(r.organization_id),
    publicId: r.public_id,
    promptVersion: r.prompt_version,
    requestedAt: r.requested_at ? new Date(r.requested_at) : null,
    tries: r.tries,
  }));
}

/** Handed-off deliveries never attempted, older than `staleSeconds` since creation or last re-send. */
export async function listStaleDeliveries(
  db: Executor,
  opts: { staleSeconds: number; limit: number; organizationId?: number },
): Promise<StaleJob[]> {
  const rows = await db.execute<{
    event_id: string;
    organization_id: number;
    public_id: string;
    tries: number;
  }>(sql`
    select 'delivery:' || d.public_id as event_id, e.organization_id, d.public_id, coalesce(r.tries, 0) as tries
    from webhook_deliveries d
    join webhook_endpoints e on e.id = d.endpoint_id
    left join job_resends r on r.kind = 'webhook' and r.event_id = 'delivery:' || d.public_id
    where d.status = 'pending' and d.attempts = 0
      and (${opts.organizationId ?? null}::bigint is null or e.organization_id = ${opts.organizationId ?? null})
      and greatest(d.created_at, r.last_sent_at) < now() - make_interval(secs => ${opts.staleSeconds})
    order by d.created_at
    limit ${opts.limit}`);
  return rows.map((r) => ({
    eventId: r.event_id,
    organizationId: Number(r.organization_id),
    publicId: r.public_id,
    tries: r.tries,
  }));
}

/** One statement for the whole batch: tries + 1 and the time of this re-send. */
export async function recordResends(db: Executor, kind: "optimization" | "webhook", eventIds: string[]) {
  if (eventIds.length === 0) return;
  await db.execute(sql`
    insert into job_resends (kind, event_id, tries, last_sent_at)
    select ${kind}, id, 1, now() from unnest(${sql.param(eventIds)}::text[]) as id
    on conflict (kind, event_id) do update set tries = job_resends.tries + 1, last_sent_at = now()`);
}

/** Ends the given cycles as failed if still pending/running; returns the ones it changed. */
export async function failStaleOptimizations(db: Executor, eventIds: string[], reason: string) {
  if (eventIds.length === 0) return [];
  const rows = await db.execute<{ organization_id: number; public_id: string; prompt_version: number }>(sql`
    update agents a
    set optimization_status = 'failed', optimization_error = ${reason}, optimization_updated_at = now()
    where a.optimization_status in ('pending', 'running') and a.optimization_event_sent_at is not null
      and ${optimizationEventId} = any(${sql.param(eventIds)}::text[])
    returning a.organization_id, a.public_id, a.prompt_version`);
  return rows.map((r) => ({
    organizationId: Number(r.organization_id),
    agentPublicId: r.public_id,
    promptVersion: r.prompt_version,
  }));
}

export async function failStaleDeliveries(db: Executor, publicIds: string[], reason: string) {
  if (publicIds.length === 0) return 0;
  const rows = await db.execute(sql`
    update webhook_deliveries set status = 'failed', last_error = ${reason}, updated_at = now()
    where status = 'pending' and attempts = 0 and public_id = any(${sql.param(publicIds)}::uuid[])
    returning 1`);
  return rows.length;
}
