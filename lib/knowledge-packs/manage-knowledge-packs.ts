import { db, type Executor } from "@/db";
import { setPackChunksLanguage } from "@/db/queries/knowledge-ingest";
import {
  countKnowledgePacks,
  deleteKnowledgePackRow,
  findKnowledgePackByPublicId,
  insertKnowledgePack,
  listKnowledgePacksForOrganization,
  updateKnowledgePackRow,
} from "@/db/queries/knowledge-packs";
import { deletePackContentSource, replacePackContentSource } from "@/db/queries/knowledge-sources";
import type { UseCaseContext } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { field, type RawForm } from "@/lib/forms/fields";
import { isUniqueViolation } from "@/lib/http/db-errors";
import { MESSAGES } from "@/lib/messages";
import { type AfterCommit, unitOfWork } from "@/lib/unit-of-work";
import {
  type CreateKnowledgePackInput,
  createKnowledgePackSchema,
  type UpdateKnowledgePackInput,
  updateKnowledgePackSchema,
} from "@/lib/validations/knowledge-pack";
import { isPublicId } from "@/lib/validations/public-id";
import { fieldErrorsFromZod } from "@/lib/validations/zod-errors";

function nameConflict(name: string | undefined) {
  return new AppError(
    "name_conflict",
    `A knowledge pack named "${name}" already exists in this organization.`,
    {
      extra: { errors: [{ path: "name", message: "A knowledge pack with this name already exists." }] },
    },
  );
}

export function parseKnowledgePackCreate(body: unknown): CreateKnowledgePackInput {
  const parsed = createKnowledgePackSchema.safeParse(body);
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
  return parsed.data;
}

export function parseKnowledgePackUpdate(body: unknown): UpdateKnowledgePackInput {
  const parsed = updateKnowledgePackSchema.safeParse(body);
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
  return parsed.data;
}

export async function listKnowledgePacks(organizationId: number, opts: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    listKnowledgePacksForOrganization(db, organizationId, opts),
    countKnowledgePacks(db, organizationId),
  ]);
  return { rows, total };
}

export async function createKnowledgePack(ctx: UseCaseContext, input: CreateKnowledgePackInput) {
  try {
    return await unitOfWork(ctx, async ({ tx, audit, afterCommit }) => {
      const row = await insertKnowledgePack(tx, {
        organizationId: ctx.organizationId,
        name: input.name,
        description: input.description || null,
        content: input.content,
        ...(input.language ? { language: input.language } : {}),
      });
      await followContent(
        tx,
        afterCommit,
        { organizationId: ctx.organizationId, packId: row.id, title: row.name },
        input.content,
      );
      await audit("knowledge_pack.created", row.publicId, {
        name: row.name,
        content_bytes: row.contentBytes,
      });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e, "knowledge_packs_org_name_unique")) throw nameConflict(input.name);
    throw e;
  }
}

export async function updateKnowledgePack(
  ctx: UseCaseContext,
  target: { publicId: string; input: UpdateKnowledgePackInput },
) {
  const { input } = target;
  try {
    return await unitOfWork(ctx, async ({ tx, audit, afterCommit }) => {
      const row = await updateKnowledgePackRow(tx, ctx.organizationId, target.publicId, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...(input.content !== undefined ? { content: input.content } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
      });
      if (!row) throw new AppError("not_found", MESSAGES.knowledgePackNotFound);
      if (input.content !== undefined) {
        const pack = { organizationId: ctx.organizationId, packId: row.id, title: row.name };
        await followContent(tx, afterCommit, pack, input.content);
      }
      if (input.language !== undefined) await setPackChunksLanguage(tx, row.id);
      await audit("knowledge_pack.updated", row.publicId, { fields: Object.keys(input) });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e, "knowledge_packs_org_name_unique")) throw nameConflict(input.name);
    throw e;
  }
}

/** The pack's `content` lives on as its pack-content text source (re-ingested when it changes). */
async function followContent(
  tx: Executor,
  afterCommit: AfterCommit,
  pack: { organizationId: number; packId: number; title: string },
  content: string,
) {
  if (!content.trim()) return deletePackContentSource(tx, pack.packId);
  const source = await replacePackContentSource(tx, pack, content);
  afterCommit.syncKnowledge({
    organizationId: pack.organizationId,
    sourcePublicId: source.publicId,
    requestedAt: source.syncRequestedAt,
  });
}

export async function deleteKnowledgePack(ctx: UseCaseContext, publicId: string) {
  if (!isPublicId(publicId)) throw new AppError("not_found", MESSAGES.knowledgePackNotFound);
  await unitOfWork(ctx, async ({ tx, audit, afterCommit }) => {
    const deleted = await deleteKnowledgePackRow(tx, ctx.organizationId, publicId.toLowerCase());
    if (!deleted) throw new AppError("not_found", MESSAGES.knowledgePackNotFound);
    await audit("knowledge_pack.deleted", publicId.toLowerCase(), { agents: deleted.agentPublicIds.length });
    for (const agent of deleted.agentPublicIds) afterCommit.invalidateWidgetAgent(agent);
  });
}

export async function getKnowledgePack(organizationId: number, publicId: string) {
  if (!isPublicId(publicId)) return undefined;
  return findKnowledgePackByPublicId(db, organizationId, publicId.toLowerCase());
}

/** The dashboard form's flat fields as a create/update body (CRLF from textareas → LF). */
export function knowledgePackFormToBody(raw: RawForm) {
  const description = field(raw, "description");
  return {
    name: field(raw, "name") ?? "",
    description: description?.trim() ? description : null,
    content: field(raw, "content") ?? "",
  };
}
