import { db } from "@/db";
import { findAgentIdInOrganization, listPromptVersions } from "@/db/queries/prompt-versions";
import type { PromptVersionView } from "./types";

/** The newest versions of an agent for the dashboard timeline (one page; the API pages further). */
export async function listPromptVersionsForDashboard(
  organizationId: number,
  agentPublicId: string,
  limit = 100,
): Promise<{ versions: PromptVersionView[]; hasMore: boolean } | undefined> {
  const agentId = await findAgentIdInOrganization(db, organizationId, agentPublicId);
  if (agentId === undefined) return undefined;
  const rows = await listPromptVersions(db, agentId, { limit });
  return {
    hasMore: rows.length > limit,
    versions: rows.slice(0, limit).map((r) => ({
      version: r.version,
      source: r.source,
      systemPrompt: r.systemPrompt,
      rationale: r.rationale,
      createdByType: r.createdByType,
      createdByName: r.createdByName,
      restoredFromVersion: r.restoredFromVersion,
      createdAt: r.createdAt,
      evalScore: r.evalScore,
      evalPassed: r.evalPassed,
    })),
  };
}
