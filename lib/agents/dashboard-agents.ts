import "server-only";
import { z } from "zod";
import { db } from "@/db";
import { listAgentsForOrganization } from "@/db/queries/agent-read";
import { listAuditEventsForTarget } from "@/db/queries/audit-events";
import { listKnowledgePacksForOrganization } from "@/db/queries/knowledge-packs";
import { hasUnstorableText, TEXT_MESSAGE } from "@/lib/http/json-guard";
import { PERSONA_KEYS } from "@/lib/personas";
import { optimizationStatusSchema } from "@/lib/validations/agent";

// Reads behind the dashboard's agents pages. The caller has already checked membership
// (requireOrgMembership); the org id comes from that context, never from the URL.

export const PAGE_SIZES = [25, 50, 100] as const;

/** The agents page's URL state. Bad values fall back to defaults: a page never 422s. */
export const agentsPageSearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  persona: z.enum(PERSONA_KEYS).optional().catch(undefined),
  status: optimizationStatusSchema.optional().catch(undefined),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .default(25)
    .catch(25),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type AgentsPageSearch = z.infer<typeof agentsPageSearchSchema>;

/** The URL state; a search Postgres cannot run (NUL, lone surrogate) is dropped with a message. */
export function parseAgentsPageSearch(
  raw: Record<string, string | string[] | undefined>,
): AgentsPageSearch & { qError?: string } {
  const flat = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === "" ? undefined : v]),
  );
  const parsed = agentsPageSearchSchema.parse(flat);
  if (parsed.q === undefined || !hasUnstorableText(parsed.q)) return parsed;
  return { ...parsed, q: undefined, qError: `Search ignored: ${TEXT_MESSAGE}` };
}

export async function listAgentsForDashboard(organizationId: number, s: AgentsPageSearch) {
  const page = await listAgentsForOrganization(db, organizationId, {
    q: s.q || undefined,
    persona: s.persona,
    optimizationStatus: s.status,
    limit: s.size,
    offset: (s.page - 1) * s.size,
  });
  return { rows: page.rows, total: page.total ?? 0, hasMore: page.hasMore };
}

export async function listAgentActivity(organizationId: number, publicId: string, limit = 20) {
  return listAuditEventsForTarget(db, organizationId, publicId, limit);
}

/** For pickers: the org's packs, newest first (names only matter). */
export async function listKnowledgePackOptions(organizationId: number) {
  const rows = await listKnowledgePacksForOrganization(db, organizationId, { limit: 100, offset: 0 });
  return rows.map((r) => ({ id: r.publicId, name: r.name }));
}
