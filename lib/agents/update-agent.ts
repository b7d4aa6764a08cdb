import { db } from "@/db";
import {
  findKnowledgePackIdInOrganization,
  findOrganizationPlan,
  findPersonaIdByKey,
  type LockedAgent,
  lockAgentForUpdate,
  updateAgentRow,
} from "@/db/queries/agent-manage";
import type { AgentRow } from "@/db/queries/agent-read";
import { findAgentByPublicId } from "@/db/queries/agent-read";
import { insertPromptVersion } from "@/db/queries/prompt-versions";
import type { agents } from "@/db/schema";
import type { UseCaseContext } from "@/lib/actor";
import { rethrowNameConflict } from "@/lib/agents/name-conflict";
import { requestedOptimizationState } from "@/lib/agents/optimization/requested-state";
import { versionAuthor } from "@/lib/agents/prompt-versions/author";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { configuredModel, modelNotAllowed } from "@/lib/models";
import { unitOfWork, type Work } from "@/lib/unit-of-work";
import { type AgentPatch, agentConfigSchema, widgetConfigSchema } from "@/lib/validations/agent";
import { fieldErrorsFromZod } from "@/lib/validations/zod-errors";

type Changes = Partial<typeof agents.$inferInsert>;
/** The agent's JSON objects that a PATCH merges into rather than replaces. */
type ObjectSchema = typeof widgetConfigSchema | typeof agentConfigSchema;

/**
 * The one edit use case behind PATCH /api/v1/agents/{id} and the dashboard edit form.
 * Locks the agent row, applies only what differs, bumps prompt_version on a prompt change
 * (requesting a new optimization unless auto_optimize is false), audits the changed fields,
 * and hands the optimization off after commit. Returns the agent as it is now.
 */
export async function updateAgent(
  ctx: UseCaseContext,
  target: { publicId: string; patch: AgentPatch },
): Promise<{ agent: AgentRow; changed: string[] }> {
  const input = target.patch;
  let changed: string[];
  try {
    changed = await unitOfWork(ctx, (work) => updateInTransaction(work, ctx, target.publicId, input));
  } catch (e) {
    rethrowNameConflict(e, input.name);
  }
  const agent = await findAgentByPublicId(db, ctx.organizationId, target.publicId);
  if (!agent) throw new AppError("not_found", MESSAGES.agentNotFound);
  return { agent, changed };
}

async function updateInTransaction(
  { tx, audit, afterCommit }: Work,
  args: UseCaseContext,
  publicId: string,
  input: AgentPatch,
): Promise<string[]> {
  const current = await lockAgentForUpdate(tx, args.organizationId, publicId);
  if (!current) throw new AppError("not_found", MESSAGES.agentNotFound);
  const changes: Changes = {};
  const changed: string[] = [];
  const set = <K extends keyof Changes>(field: string, key: K, value: Changes[K], before: unknown) => {
    if (canonicalJson(value) === canonicalJson(before)) return;
    changes[key] = value;
    changed.push(field);
  };

  if (input.name !== undefined) set("name", "name", input.name, current.name);
  if (input.description !== undefined)
    set("description", "description", input.description || null, current.description);
  if (input.industry !== undefined) set("industry", "industry", input.industry || null, current.industry);
  if (input.persona !== undefined) {
    const personaId = await findPersonaIdByKey(tx, input.persona);
    if (personaId === undefined)
      throw AppError.validation([{ path: "persona", message: "Unknown persona." }]);
    set("persona", "personaId", personaId, current.personaId);
  }
  if (input.knowledge_pack_id !== undefined) {
    const packId = input.knowledge_pack_id
      ? await findKnowledgePackIdInOrganization(tx, args.organizationId, input.knowledge_pack_id)
      : null;
    if (packId === undefined) {
      throw AppError.validation([
        { path: "knowledge_pack_id", message: MESSAGES.knowledgePackNotInOrganization },
      ]);
    }
    set("knowledge_pack_id", "knowledgePackId", packId, current.knowledgePackId);
  }
  // Objects merge onto what is stored (send only the keys to change), then are validated whole;
  // compared with the stored object's defaults filled in, so filling defaults alone is no change.
  const setMerged = (
    field: "widget_config" | "config",
    key: "widgetConfig" | "config",
    schema: ObjectSchema,
    stored: Record<string, unknown>,
    sent: unknown,
  ) => set(field, key, mergeObject(schema, stored, sent, field), normalized(schema, stored));
  if (input.widget_config !== undefined)
    setMerged(
      "widget_config",
      "widgetConfig",
      widgetConfigSchema,
      current.widgetConfig,
      input.sent.widget_config,
    );
  if (input.config !== undefined) {
    const merged = mergeObject(agentConfigSchema, current.config, input.sent.config, "config");
    const model = configuredModel(merged);
    // Only a changed model is checked: an agent kept on a model its plan no longer includes
    // stays editable (chat answers on the default model meanwhile).
    if (model !== configuredModel(current.config)) {
      const plan = await findOrganizationPlan(tx, args.organizationId);
      const error = plan ? modelNotAllowed(plan, model) : undefined;
      if (error) throw AppError.validation([{ path: "config.model", message: error }]);
    }
    set("config", "config", merged, normalized(agentConfigSchema, current.config));
  }
  if (input.allowed_origins !== undefined)
    set("allowed_origins", "allowedOrigins", input.allowed_origins, current.allowedOrigins);
  if (input.use_optimized_prompt !== undefined)
    set("use_optimized_prompt", "useOptimizedPrompt", input.use_optimized_prompt, current.useOptimizedPrompt);
  if (input.status !== undefined) set("status", "status", input.status, current.status);
  if (input.identity_verification !== undefined) {
    if (input.identity_verification !== "off" && !current.hasIdentitySecret) {
      throw AppError.validation([
        { path: "identity_verification", message: "Create the identity secret first (embed page or API)." },
      ]);
    }
    set(
      "identity_verification",
      "identityVerification",
      input.identity_verification,
      current.identityVerification,
    );
  }

  let pendingVersion: number | null = null;
  if (input.system_prompt !== undefined && input.system_prompt !== current.systemPrompt) {
    Object.assign(changes, promptChange(current, input.auto_optimize !== false));
    changes.systemPrompt = input.system_prompt;
    changed.push("system_prompt");
    if (changes.optimizationStatus === "pending") pendingVersion = current.promptVersion + 1;
  }
  if (changed.length === 0) return changed;

  await updateAgentRow(tx, args.organizationId, current.id, changes);
  if (changes.systemPrompt !== undefined) {
    await insertPromptVersion(tx, {
      organizationId: args.organizationId,
      agentId: current.id,
      source: "edited",
      systemPrompt: changes.systemPrompt,
      ...versionAuthor(args.actor),
    });
  }
  await audit("agent.updated", current.publicId, {
    fields: changed,
    ...(changes.promptVersion ? { prompt_version: changes.promptVersion } : {}),
  });
  if (pendingVersion !== null) {
    afterCommit.optimize({
      organizationId: args.organizationId,
      agentPublicId: publicId,
      promptVersion: pendingVersion,
    });
  }
  afterCommit.invalidateWidgetAgent(publicId);
  return changed;
}

/**
 * A new prompt is a new version: the old optimized prompt no longer applies (a job still running
 * for the old version will not save, it checks the version), and a new optimization is requested.
 */
export function promptChange(current: LockedAgent, autoOptimize: boolean): Changes {
  const base: Changes = {
    promptVersion: current.promptVersion + 1,
    optimizedSystemPrompt: null,
    optimizationRationale: null,
    optimizationError: null,
    optimizationMetadata: null,
    optimizationEventSentAt: null,
    optimizationUpdatedAt: new Date(),
  };
  return { ...base, ...requestedOptimizationState(autoOptimize) };
}

function mergeObject(
  schema: ObjectSchema,
  stored: Record<string, unknown>,
  patch: unknown,
  path: string,
): Record<string, unknown> {
  // Keys sent as undefined (absent form fields) keep the stored value.
  const sent = Object.entries(patch as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const parsed = schema.safeParse({ ...stored, ...Object.fromEntries(sent) });
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error, [path]));
  return parsed.data as Record<string, unknown>;
}

/** The stored object with defaults filled in, so filling defaults alone is not a change. */
function normalized(schema: ObjectSchema, stored: Record<string, unknown>): Record<string, unknown> {
  const parsed = schema.safeParse(stored);
  return parsed.success ? (parsed.data as Record<string, unknown>) : stored;
}

/** JSON with sorted keys: jsonb does not keep key order, so plain stringify would see changes. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === "object" && !Array.isArray(val)
      ? Object.fromEntries(
          Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : val,
  );
}
