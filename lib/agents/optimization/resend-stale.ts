import { db } from "@/db";
import {
  failStaleDeliveries,
  failStaleOptimizations,
  listStaleDeliveries,
  listStaleOptimizations,
  recordResends,
} from "@/db/queries/job-resends";
import { getEnv } from "@/lib/env";
import { inngest } from "@/lib/inngest/client";
import { OPTIMIZE_REQUESTED, WEBHOOK_DELIVERY_REQUESTED } from "@/lib/inngest/events";
import { log } from "@/lib/logger";
import { queueWebhookEvent } from "@/lib/webhooks/queue-event";

// An event Inngest accepted is no promise that it runs (a self-hosted server restarted with its
// queue, a paused function, an app unsynced). A job still pending/running after the configured
// time is re-sent under a new id per try (`<event id>:resend-<n>`): Inngest deduplicates the
// same try sent twice, while a new try is a new event. After the last try it is marked failed.

export const RUNNER_DID_NOT_PICK_UP = "the job runner did not pick this up";

export type ResentJob = { kind: "optimization" | "webhook"; id: string; event_id: string; try: number };
export type StaleSweep = { resent: ResentJob[]; failed: { kind: "optimization" | "webhook"; id: string }[] };

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
  const optSend = optimizations.filter((r) => r.tries < maxTries);
  if (optSend.length > 0) {
    // Sent before the try is counted: a crash in between re-sends the same try id (deduplicated).
    await inngest.send(
      optSend.map((r) => ({
        id: `${r.eventId}:resend-${r.tries + 1}`,
        name: OPTIMIZE_REQUESTED,
        data: {
          organization_id: r.organizationId,
          agent_public_id: r.publicId,
          prompt_version: r.promptVersion,
          requested_at: (r.requestedAt ?? new Date(0)).toISOString(),
        },
      })),
    );
    await recordResends(
      db,
      "optimization",
      optSend.map((r) => r.eventId),
    );
    for (const r of optSend) {
      sweep.resent.push({ kind: "optimization", id: r.publicId, event_id: r.eventId, try: r.tries + 1 });
    }
  }
  const optGiveUp = optimizations.filter((r) => r.tries >= maxTries).map((r) => r.eventId);
  const ended = await failStaleOptimizations(db, optGiveUp, RUNNER_DID_NOT_PICK_UP);
  for (const cycle of ended) {
    sweep.failed.push({ kind: "optimization", id: cycle.agentPublicId });
    // Rare (only after every try): one webhook event per agent, as a failed run would send.
    await queueWebhookEvent({
      organizationId: cycle.organizationId,
      type: "agent.optimization.failed",
      data: {
        agent_id: cycle.agentPublicId,
        prompt_version: cycle.promptVersion,
        error: RUNNER_DID_NOT_PICK_UP,
      },
    });
  }

  const deliveries = await listStaleDeliveries(db, query);
  const delSend = deliveries.filter((d) => d.tries < maxTries);
  if (delSend.length > 0) {
    await inngest.send(
      delSend.map((d) => ({
        id: `${d.eventId}:resend-${d.tries + 1}`,
        name: WEBHOOK_DELIVERY_REQUESTED,
        data: { organization_id: d.organizationId, delivery_public_id: d.publicId },
      })),
    );
    await recordResends(
      db,
      "webhook",
      delSend.map((d) => d.eventId),
    );
    for (const d of delSend) {
      sweep.resent.push({ kind: "webhook", id: d.publicId, event_id: d.eventId, try: d.tries + 1 });
    }
  }
  const delGiveUp = deliveries.filter((d) => d.tries >= maxTries).map((d) => d.publicId);
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
