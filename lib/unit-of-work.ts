import { db, type Executor, type Tx } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { auditActor, type UseCaseContext } from "@/lib/actor";
import { type OptimizationRequest, scheduleOptimizationDispatch } from "@/lib/agents/optimization/dispatch";
import { runInBackground } from "@/lib/background-work";
import type { WebhookEventType } from "@/lib/inngest/events";
import { type SyncRequest, sendSyncEvent } from "@/lib/knowledge/ingest/send-event";
import { notifyWebhooks, sendDeliveriesInBackground } from "@/lib/webhooks/queue-event";
import { invalidateWidgetAgent } from "@/lib/widget/agent-cache";

// One unit of work: a use case's transaction, its audit row and the work that may only start
// once the transaction has committed (events, webhooks, cache invalidation). Nothing external
// runs inside the transaction; a rollback drops the after-commit work with it.

export type AfterCommit = {
  /** Hand the optimization request to Inngest (the outbox re-sends a failed hand-off). */
  optimize(request: OptimizationRequest): void;
  /** Tell the org's subscribed endpoints. */
  webhook(type: WebhookEventType, data: Record<string, unknown>): void;
  /** Hand off deliveries the transaction recorded itself (the outbox re-sends a failed hand-off). */
  webhookDeliveries(deliveryIds: string[]): void;
  /** The widget serves a cached copy of the agent: drop it so visitors see the change at once. */
  invalidateWidgetAgent(publicId: string): void;
  /** Hand a knowledge source's sync to Inngest (the scheduled sync re-sends a lost one). */
  syncKnowledge(request: SyncRequest): void;
};

export type Work = {
  tx: Tx;
  /** One audit_events row for this use case's org and actor. */
  audit(action: string, targetPublicId: string | null, metadata?: Record<string, unknown>): Promise<void>;
  afterCommit: AfterCommit;
};

/** One audit_events row, written with the transaction `tx` (for callers that own their transaction). */
export function writeAudit(
  tx: Executor,
  ctx: UseCaseContext,
  action: string,
  targetPublicId: string | null,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  return insertAuditEvent(tx, {
    organizationId: ctx.organizationId,
    ...auditActor(ctx.actor),
    action,
    targetPublicId,
    metadata,
  });
}

/** The after-commit registry of one use case, and what runs it once the write has committed. */
function collectAfterCommit(ctx: UseCaseContext) {
  const queued: (() => void)[] = [];
  const inlineSyncs: SyncRequest[] = [];
  const afterCommit: AfterCommit = {
    optimize: (request) => queued.push(() => scheduleOptimizationDispatch(request)),
    webhook: (type, data) =>
      queued.push(() => notifyWebhooks({ organizationId: ctx.organizationId, type, data })),
    webhookDeliveries: (deliveryIds) => {
      if (deliveryIds.length > 0)
        queued.push(() => sendDeliveriesInBackground(ctx.organizationId, deliveryIds));
    },
    invalidateWidgetAgent: (publicId) => queued.push(() => invalidateWidgetAgent(publicId)),
    syncKnowledge: (request) =>
      ctx.knowledgeSync === "inline"
        ? inlineSyncs.push(request)
        : queued.push(() => runInBackground(() => sendSyncEvent(request))),
  };
  const committed = async () => {
    for (const run of queued) run();
    if (inlineSyncs.length > 0) {
      // Loaded here only: the ingestion steps (extraction, fetching) are no other use case's concern.
      const { syncSourceNow } = await import("@/lib/knowledge/ingest/run-sync");
      for (const request of inlineSyncs) await syncSourceNow(request.sourcePublicId);
    }
  };
  return { afterCommit, committed };
}

export async function unitOfWork<T>(ctx: UseCaseContext, fn: (work: Work) => Promise<T>): Promise<T> {
  const { afterCommit, committed } = collectAfterCommit(ctx);
  const result = await db.transaction((tx) =>
    fn({
      tx,
      afterCommit,
      audit: (action, targetPublicId, metadata) => writeAudit(tx, ctx, action, targetPublicId, metadata),
    }),
  );
  await committed();
  return result;
}

/**
 * The same contract for a use case whose whole write is ONE statement (it commits on its own, so
 * no transaction is opened around it: the agent create). `fn` gets the pool; the after-commit
 * work runs only when `fn` returns, and is dropped when it throws.
 */
export async function oneStatementWork<T>(
  ctx: UseCaseContext,
  fn: (work: { db: Executor; afterCommit: AfterCommit }) => Promise<T>,
): Promise<T> {
  const { afterCommit, committed } = collectAfterCommit(ctx);
  const result = await fn({ db, afterCommit });
  await committed();
  return result;
}
