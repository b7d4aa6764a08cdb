import { lockAgentForUpdate, updateAgentRow } from "@/db/queries/agent-manage";
import {
  findPromptVersion,
  findPromptVersionByIdempotencyKey,
  insertPromptVersion,
  type PromptVersionRow,
} from "@/db/queries/prompt-versions";
import type { UseCaseContext } from "@/lib/actor";
import { requestFingerprint } from "@/lib/agents/fingerprint";
import { promptChange } from "@/lib/agents/update-agent";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork, type Work } from "@/lib/unit-of-work";
import type { RestorePromptVersionInput } from "@/lib/validations/prompt-versions";
import { versionAuthor } from "./author";

export type RestoreTarget = {
  publicId: string;
  version: number;
  input: RestorePromptVersionInput;
  idempotencyKey?: string;
};

/**
 * Makes a new version with an earlier version's text (source `restored`) and switches the agent
 * to it, in one transaction with the audit row. The admin chose this exact text, so no new
 * optimization is requested. With an Idempotency-Key, the same key and body replay the version
 * the first call made; the same key with another body is refused.
 */
export async function restorePromptVersion(
  ctx: UseCaseContext,
  target: RestoreTarget,
): Promise<{ version: PromptVersionRow; replayed: boolean }> {
  const fingerprint = requestFingerprint({ version: target.version, ...target.input });
  // Same-key twins serialize on the agent row lock, so the second one finds the first's row.
  return unitOfWork(ctx, (work) => restoreInTransaction(work, ctx, target, fingerprint));
}

async function restoreInTransaction(
  { tx, audit, afterCommit }: Work,
  ctx: UseCaseContext,
  target: RestoreTarget,
  fingerprint: string,
) {
  const agent = await lockAgentForUpdate(tx, ctx.organizationId, target.publicId);
  if (!agent) throw new AppError("not_found", MESSAGES.agentNotFound);
  const key = target.idempotencyKey;
  if (key) {
    const existing = await findPromptVersionByIdempotencyKey(tx, agent.id, key);
    if (existing) {
      if (existing.requestFingerprint !== fingerprint) {
        throw new AppError(
          "idempotency_key_reused",
          "This idempotency key was already used with a different restore. Use a new key for a new restore.",
        );
      }
      return { version: existing, replayed: true };
    }
  }
  const source = await findPromptVersion(tx, agent.id, target.version);
  if (!source) throw new AppError("not_found", `This agent has no prompt version ${target.version}.`);

  await updateAgentRow(tx, ctx.organizationId, agent.id, {
    ...promptChange(agent, false),
    systemPrompt: source.systemPrompt,
  });
  const version = await insertPromptVersion(tx, {
    organizationId: ctx.organizationId,
    agentId: agent.id,
    source: "restored",
    systemPrompt: source.systemPrompt,
    rationale: target.input.rationale || null,
    restoredFromVersion: source.version,
    idempotencyKey: key ?? null,
    requestFingerprint: key ? fingerprint : null,
    ...versionAuthor(ctx.actor),
  });
  await audit("agent.prompt_restored", agent.publicId, {
    version: version.version,
    restored_from_version: source.version,
    prompt_version: agent.promptVersion + 1,
  });
  afterCommit.invalidateWidgetAgent(agent.publicId);
  return { version, replayed: false };
}
