import { and, count, eq } from "drizzle-orm";
import { POST } from "@/app/api/v1/agents/route";
import { db } from "@/db";
import { agents, auditEvents, organizations } from "@/db/schema";
import { callRoute } from "@/tests/helpers/http";

// Shared by the create-agent integration files: the real route handler, real Postgres.
export function postAgent(
  key: string | undefined,
  body: unknown,
  opts: { headers?: Record<string, string>; path?: string; rawBody?: string } = {},
) {
  return callRoute(POST, {
    method: "POST",
    path: opts.path ?? "/api/v1/agents",
    key,
    body: opts.rawBody === undefined ? body : undefined,
    rawBody: opts.rawBody,
    headers: opts.headers,
  });
}

/** What the database holds for an org: agents, audit rows and the counter column. */
export async function orgState(organizationId: number) {
  const [a] = await db.select({ n: count() }).from(agents).where(eq(agents.organizationId, organizationId));
  const [e] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, "agent.created")));
  const [o] = await db
    .select({ agentCount: organizations.agentCount })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return { agents: a!.n, audits: e!.n, agentCount: o!.agentCount };
}

export function statusHistogram(results: { status: number }[]) {
  const h: Record<number, number> = {};
  for (const r of results) h[r.status] = (h[r.status] ?? 0) + 1;
  return h;
}
