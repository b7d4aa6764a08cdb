import { db } from "@/db";
import { listUnsentOptimizations } from "@/db/queries/optimization";
import { safeErrorFields } from "@/lib/http/safe-error";
import { inngest } from "@/lib/inngest/client";
import { log } from "@/lib/logger";
import { resendUnsentDeliveries } from "@/lib/webhooks/outbox";
import { type ResentJob, resendStaleJobs } from "./resend-stale";
import { sendOptimizationEvent } from "./send-event";

export type FlushResult = {
  found: number;
  sent: number;
  failed: number;
  webhook_deliveries_resent: number;
  /** Accepted by Inngest but never run: re-sent now (one entry per job and try). */
  stale_resent: ResentJob[];
  /** Out of tries: marked failed, "the job runner did not pick this up". */
  stale_failed: { kind: "optimization" | "webhook"; id: string }[];
  /** Why sending stopped, when it did. */
  error?: string;
};

/**
 * The outbox: re-sends the event of every agent left `pending` without a sent stamp for longer than
 * the grace period (a crash or an unreachable Inngest after commit). Each one is sent with its
 * deterministic id, so a send that did arrive before the stamp was lost is deduplicated by Inngest.
 * Used by the cron function and `npm run cli -- jobs:flush`.
 */
export async function flushPendingOptimizations(
  opts: { graceSeconds?: number; limit?: number; organizationId?: number } = {},
): Promise<FlushResult> {
  const olderThan = new Date(Date.now() - (opts.graceSeconds ?? 30) * 1000);
  const limit = opts.limit ?? 500;
  const rows = await listUnsentOptimizations(db, { olderThan, limit, organizationId: opts.organizationId });
  let sent = 0;
  let failed = 0;
  let error: string | undefined;
  // Sequential on purpose: a down Inngest fails the first send in ~2 s; stop there, not N times.
  for (const row of rows) {
    try {
      await sendOptimizationEvent(row);
      sent++;
    } catch (e) {
      failed = rows.length - sent;
      error = safeErrorFields(e).error;
      log("warn", "outbox flush stopped: event send failed", {
        ...safeErrorFields(e),
        remaining: failed,
      });
      break;
    }
  }
  const resent =
    failed === 0
      ? await resendUnsentDeliveries({ olderThan, limit, organizationId: opts.organizationId })
      : 0;
  let stale: Awaited<ReturnType<typeof resendStaleJobs>> = { resent: [], failed: [] };
  if (failed === 0) {
    try {
      stale = await resendStaleJobs({ organizationId: opts.organizationId, limit });
    } catch (e) {
      error = safeErrorFields(e).error;
      failed = 1;
    }
  }
  return {
    found: rows.length,
    sent,
    failed,
    webhook_deliveries_resent: resent,
    stale_resent: stale.resent,
    stale_failed: stale.failed,
    ...(error ? { error } : {}),
  };
}

// Every minute: re-send the events of agents left pending without a sent stamp (the after-commit
// hand-off failed or the process died between commit and send), then lost webhook hand-offs.
export const flushOptimizationOutbox = inngest.createFunction(
  {
    id: "flush-optimization-outbox",
    name: "Re-send lost optimization events",
    triggers: [{ cron: "* * * * *" }],
  },
  async ({ step }) => step.run("flush", () => flushPendingOptimizations({ graceSeconds: 30 })),
);
