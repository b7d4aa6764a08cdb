import { db } from "@/db";
import {
  failStaleDeliveries,
  failStaleOptimizations,
  listStaleDeliveries,
  listStaleOptimizations,
  recordResends,
  type StaleJob,
  type StaleOptimization,
} from "@/db/queries/job-resends";
import { getEnv } from "@/lib/env";
import { inngest } from "@/lib/inngest/client";
import { OPTIMIZE_REQUESTED, WEBHOOK_DELIVERY_REQUESTED } from "@/lib/inngest/events";
import { log } from "@/lib/logger";
import { notifyOptimizationFailed } from "./run-steps";

// An event Inngest accepted is no promise that it runs (a self-hosted server restarted with its
// queue, a paused function, an app unsynced). A job still pending/running after the configured
// time is re-sent under a new id per try (`<event id>:resend-<n>`): Inngest deduplicates the
// same try sent twice, while a new try is a new event. After the last try it is marked failed.

export const RUNNER_DID_NOT_PICK_UP = "the job runner did not pick this up";

export type ResentJob = { kind: "optimization" | "webhook"; id: string; event_id: string; try: number };
export type StaleSweep = { resent: ResentJob[]; failed: { kind: "optimization" | "webhook"; id: string }[] };

// The event each kind's job was first sent as (its id aside), rebuilt from the row.
const optimizeEvent = (r: StaleOptimization) => ({
  name: OPTIMIZE_REQUESTED,
  data: {
    organization_id: r.organizationId,
    agent_public_id: r.publicId,
    prompt_version: r.promptVersion,
    requested_at: (r.requestedAt ?? new Date(0)).toISOString(),
  },
});
const deliveryEvent = (d: StaleJob) => ({
  name: WEBHOOK_DELIVERY_REQUESTED,
  data: { organization_id: d.organizationId, delivery_public_id: d.publicId },
});

export async function resendStaleJobs(
  opts: { staleSeconds?: number; maxTries?: number; limit?: number; organizationId?: number } = {},
): Promise<StaleSweep> {
  const env = getEnv();
  const query = {
    staleSeconds: opts.staleSeconds ?? env.OUTBOX_RESEND_AFTER_SECONDS,
    limit: opts.limit ?? 500,
    organizationId: opts.organizationId,
  };
  const maxTries = opts.maxTries ?? env.OUTBOX_MAX_RESENDS;
  const sweep: StaleSweep = { resent: [], failed: [] };

  const optimizations = await listStaleOptimizations(db, query);
  const optGiveUp = await resendWithTriesLeft(sweep, maxTries, "optimization", optimizations, optimizeEvent);
  const ended = await failStaleOptimizations(
    db,
    optGiveUp.map((r) => r.eventId),
    RUNNER_DID_NOT_PICK_UP,
  );
  for (const cycle of ended) {
    sweep.failed.push({ kind: "optimization", id: cycle.agentPublicId });
    // Rare (only after every try): one webhook event per agent, as a failed run would send.
    await notifyOptimizationFailed(cycle, RUNNER_DID_NOT_PICK_UP);
  }

  const deliveries = await listStaleDeliveries(db, query);
  const delGiveUp = (await resendWithTriesLeft(sweep, maxTries, "webhook", deliveries, deliveryEvent)).map(
    (d) => d.publicId,
  );
  if ((await failStaleDeliveries(db, delGiveUp, RUNNER_DID_NOT_PICK_UP)) > 0) {
    for (const id of delGiveUp) sweep.failed.push({ kind: "webhook", id });
  }
  if (sweep.resent.length > 0 || sweep.failed.length > 0) {
    log("warn", "outbox re-sent jobs the runner had not picked up", {
      resent: sweep.resent.length,
      failed: sweep.failed.length,
    });
  }
  return sweep;
}

/**
 * Re-sends one kind's jobs that have tries left as their next try, in one batch, and counts the
 * try for each; returns the jobs out of tries, for the caller to mark failed.
 */
async function resendWithTriesLeft<J extends StaleJob>(
  sweep: StaleSweep,
  maxTries: number,
  kind: ResentJob["kind"],
  stale: J[],
  event: (job: J) => { name: string; data: Record<string, unknown> },
): Promise<J[]> {
  const jobs = stale.filter((j) => j.tries < maxTries);
  const spent = stale.filter((j) => j.tries >= maxTries);
  if (jobs.length === 0) return spent;
  // Sent before the try is counted: a crash in between re-sends the same try id (deduplicated).
  await inngest.send(jobs.map((j) => ({ id: `${j.eventId}:resend-${j.tries + 1}`, ...event(j) })));
  await recordResends(
    db,
    kind,
    jobs.map((j) => j.eventId),
  );
  for (const j of jobs) sweep.resent.push({ kind, id: j.publicId, event_id: j.eventId, try: j.tries + 1 });
  return spent;
}
