import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { agents } from "@/db/schema";
import type { OptimizationStatus } from "./agent-read";

// Every write here is conditional on the prompt version AND the request cycle (requested_at)
// it was made for: an admin edit or a newer re-optimize always wins over a stale job.
export type OptimizationCycle = {
  organizationId: number;
  agentPublicId: string;
  promptVersion: number;
  requestedAt: Date | null;
};

function cycleWhere(c: OptimizationCycle) {
  return and(
    eq(agents.organizationId, c.organizationId),
    eq(agents.publicId, c.agentPublicId),
    eq(agents.promptVersion, c.promptVersion),
    // Millisecond precision: the cycle travels through JS Dates and event JSON, while a row written
    // with now() carries microseconds.
    c.requestedAt
      ? sql`date_trunc('milliseconds', ${agents.optimizationRequestedAt}) = ${c.requestedAt.toISOString()}::timestamptz`
      : isNull(agents.optimizationRequestedAt),
  );
}

const OPEN_STATUSES: OptimizationStatus[] = ["pending", "running"];

/**
 * The one shape of every step of a cycle: a conditional UPDATE that applies only while the row
 * is still in this cycle and in one of `from`; the agent's internal id when it applied.
 */
async function moveCycle(
  db: Executor,
  c: OptimizationCycle,
  from: OptimizationStatus[],
  set: Partial<typeof agents.$inferInsert>,
): Promise<number | undefined> {
  const rows = await db
    .update(agents)
    .set({ ...set, optimizationUpdatedAt: new Date() })
    .where(and(cycleWhere(c), inArray(agents.optimizationStatus, from)))
    .returning({ id: agents.id });
  return rows[0]?.id;
}

/** pending → running. A retry of the same cycle may claim it again (running → running). */
export async function claimOptimizationRun(db: Executor, c: OptimizationCycle): Promise<boolean> {
  return (
    (await moveCycle(db, c, OPEN_STATUSES, { optimizationStatus: "running", optimizationError: null })) !==
    undefined
  );
}

/**
 * One conditional UPDATE: saves only if the prompt is still the version the result was made from.
 * Returns the agent's internal id when it saved (for the version row of the same transaction).
 */
export async function saveOptimizedPrompt(
  db: Executor,
  c: OptimizationCycle,
  result: {
    optimizedPrompt: string;
    rationale: string;
    metadata: Record<string, unknown>;
    useOptimizedPrompt?: boolean;
  },
): Promise<number | undefined> {
  return moveCycle(db, c, ["running"], {
    ...(result.useOptimizedPrompt === undefined ? {} : { useOptimizedPrompt: result.useOptimizedPrompt }),
    optimizedSystemPrompt: result.optimizedPrompt,
    optimizationRationale: result.rationale,
    optimizationMetadata: result.metadata,
    optimizationStatus: "succeeded",
    optimizationError: null,
  });
}

/** Ends the cycle as failed or skipped; the original prompt (and any earlier result) stays in use. */
export async function endOptimizationCycle(
  db: Executor,
  c: OptimizationCycle,
  status: "failed" | "skipped",
  reason: string,
): Promise<boolean> {
  return (
    (await moveCycle(db, c, OPEN_STATUSES, { optimizationStatus: status, optimizationError: reason })) !==
    undefined
  );
}

/** The row a dispatch is about, if it is still pending for that version. */
export async function findPendingCycle(
  db: Executor,
  organizationId: number,
  publicId: string,
  promptVersion: number,
) {
  const [row] = await db
    .select({ requestedAt: agents.optimizationRequestedAt, sentAt: agents.optimizationEventSentAt })
    .from(agents)
    .where(
      and(
        eq(agents.organizationId, organizationId),
        eq(agents.publicId, publicId),
        eq(agents.promptVersion, promptVersion),
        eq(agents.optimizationStatus, "pending"),
      ),
    );
  return row;
}

export async function stampOptimizationEventSent(db: Executor, c: OptimizationCycle): Promise<boolean> {
  const rows = await db
    .update(agents)
    .set({ optimizationEventSentAt: new Date() })
    .where(and(cycleWhere(c), isNull(agents.optimizationEventSentAt)))
    .returning({ id: agents.id });
  return rows.length > 0;
}

/**
 * The outbox: pending agents whose event was never stamped as sent, older than the grace period
 * (so a hand-off still in flight is not doubled). A system sweep across organizations; each row
 * carries its own organization. Served by agents_optimization_outbox_idx.
 */
export async function listUnsentOptimizations(
  db: Executor,
  opts: { olderThan: Date; limit: number; organizationId?: number },
) {
  return db
    .select({
      organizationId: agents.organizationId,
      agentPublicId: agents.publicId,
      promptVersion: agents.promptVersion,
      requestedAt: agents.optimizationRequestedAt,
    })
    .from(agents)
    .where(
      and(
        eq(agents.optimizationStatus, "pending"),
        isNull(agents.optimizationEventSentAt),
        opts.organizationId === undefined ? undefined : eq(agents.organizationId, opts.organizationId),
        lt(
          sql`coalesce(${agents.optimizationRequestedAt}, ${agents.createdAt})`,
          sql`${opts.olderThan.toISOString()}::timestamptz`,
        ),
      ),
    )
    .orderBy(asc(agents.optimizationRequestedAt))
    .limit(opts.limit);
}

/**
 * Starts a new request cycle unless one is pending/running. Returns the new cycle, or undefined
 * when no agent matched (unknown id, or already in progress: the caller tells them apart).
 */
export async function startOptimizationCycle(
  db: Executor,
  organizationId: number,
  publicId: string,
): Promise<OptimizationCycle | undefined> {
  // A JS Date (ms precision) so the value read back equals the one in the event id.
  const requestedAt = new Date();
  const [row] = await db
    .update(agents)
    .set({
      optimizationStatus: "pending",
      optimizationRequestedAt: requestedAt,
      optimizationEventSentAt: null,
      optimizationError: null,
      optimizationUpdatedAt: requestedAt,
    })
    .where(
      and(
        eq(agents.organizationId, organizationId),
        eq(agents.publicId, publicId),
        sql`${agents.optimizationStatus} not in ('pending', 'running')`,
      ),
    )
    .returning({ promptVersion: agents.promptVersion });
  if (!row) return undefined;
  return { organizationId, agentPublicId: publicId, promptVersion: row.promptVersion, requestedAt };
}

export async function setUseOptimizedPrompt(
  db: Executor,
  organizationId: number,
  publicId: string,
  useOptimized: boolean,
): Promise<boolean> {
  const rows = await db
    .update(agents)
    .set({ useOptimizedPrompt: useOptimized })
    .where(and(eq(agents.organizationId, organizationId), eq(agents.publicId, publicId)))
    .returning({ id: agents.id });
  return rows.length > 0;
}
