import { sql } from "drizzle-orm";
import { db } from "@/db";
import { awaitListening, type ListenerState } from "@/lib/coherence/invalidation";
import { getEnv, isGeminiConfigured } from "@/lib/env";
import { withDeadline } from "@/lib/http/db-errors";

export type Health = {
  status: "ok" | "degraded";
  database: "ok" | "down";
  jobs: "ok" | "unreachable" | "not_configured";
  llm: "configured" | "not_configured";
  /** The cache-invalidation listener: not "listening" means this instance may serve stale agents. */
  listener: ListenerState;
};

async function checkJobs(): Promise<Health["jobs"]> {
  const env = getEnv();
  const base = env.INNGEST_BASE_URL ?? (env.INNGEST_DEV ? "http://127.0.0.1:8288" : undefined);
  if (!base && !env.INNGEST_EVENT_KEY) return "not_configured";
  if (!base) return "ok"; // Inngest Cloud: reachable by assumption; sends are retried by the outbox.
  try {
    const res = await fetch(base, { method: "GET", signal: AbortSignal.timeout(1_000) });
    return res.status < 500 ? "ok" : "unreachable";
  } catch {
    return "unreachable";
  }
}

export async function checkHealth(): Promise<Health> {
  const [database, jobs, listener] = await Promise.all([
    withDeadline(2_000, () => db.execute(sql`select 1`))
      .then(() => "ok" as const)
      .catch(() => "down" as const),
    checkJobs(),
    awaitListening(1_000),
  ]);
  const llm = isGeminiConfigured() ? "configured" : "not_configured";
  const ok = database === "ok" && jobs !== "unreachable" && listener === "listening";
  return { status: ok ? "ok" : "degraded", database, jobs, llm, listener };
}
