import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { agents } from "@/db/schema";
import { optimizePrompt } from "@/lib/agents/optimization/function";
import { OPTIMIZE_REQUESTED, type OptimizeRequested } from "@/lib/inngest/events";
import { personaIdByKey } from "@/tests/factories/agents";
import { uniqueSuffix } from "@/tests/factories/index";

// Helpers for the optimization tests: a pending agent row as the create use case leaves it, and a
// runner that models Inngest's retries on top of @inngest/test (which runs one attempt).
export async function insertPendingAgent(
  org: { id: number },
  opts: { systemPrompt?: string; config?: Record<string, unknown>; status?: "pending" | "running" } = {},
) {
  const requestedAt = new Date();
  const [row] = await db
    .insert(agents)
    .values({
      organizationId: org.id,
      name: `Opt ${uniqueSuffix()}`,
      personaId: await personaIdByKey("support"),
      systemPrompt: opts.systemPrompt ?? "You are the support agent of Acme. Help customers with orders.",
      optimizationStatus: opts.status ?? "pending",
      optimizationRequestedAt: requestedAt,
      widgetConfig: {},
      config: opts.config ?? {},
    })
    .returning();
  return row!;
}

export function eventFor(agent: {
  organizationId: number;
  publicId: string;
  promptVersion: number;
  optimizationRequestedAt: Date | null;
}): OptimizeRequested {
  return {
    organization_id: agent.organizationId,
    agent_public_id: agent.publicId,
    prompt_version: agent.promptVersion,
    requested_at: (agent.optimizationRequestedAt ?? new Date(0)).toISOString(),
  };
}

export async function readAgent(id: number) {
  const [row] = await db.select().from(agents).where(eq(agents.id, id));
  return row!;
}

type Execution = Awaited<ReturnType<InngestTestEngine["execute"]>>;

/**
 * Runs the function like Inngest would: an attempt that ends in a retriable error is run again
 * (up to maxAttempts); a NonRetriableError ends the run at once.
 */
export async function runOptimizeLikeInngest(data: OptimizeRequested, maxAttempts = 5) {
  const executions: Execution[] = [];
  for (let i = 0; i < maxAttempts; i++) {
    const engine = new InngestTestEngine({
      function: optimizePrompt,
      events: [{ name: OPTIMIZE_REQUESTED, data }],
    });
    const out = await engine.execute();
    executions.push(out);
    if (!out.error) break;
    const name = (out.error as { name?: string }).name;
    if (name === "NonRetriableError") break;
  }
  const last = executions.at(-1)!;
  return { attempts: executions.length, result: last.result, error: last.error, executions };
}
