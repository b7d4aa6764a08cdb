import { db } from "@/db";
import {
  deleteSourceOfPack,
  findPackIdByPublicId,
  findSourceOfPack,
  insertSourceWithPayload,
  listSourcesOfPack,
  type NewSource,
  requestSourceSync,
  type SourceRow,
} from "@/db/queries/knowledge-sources";
import type { UseCaseContext } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";
import type { CreateSourceInput } from "@/lib/validations/knowledge-source";
import { isPublicId } from "@/lib/validations/public-id";

// A pack's sources: add (text, URL, file), list, re-sync, delete. Each write is one transaction
// with its audit row; the sync event goes to Inngest after commit.

const sourceNotFound = () =>
  new AppError("not_found", "No knowledge source with this id exists in this pack.");
const packNotFound = () => new AppError("not_found", MESSAGES.knowledgePackNotFound);

export type UploadedFile = {
  filename: string;
  mime: string;
  bytes: Buffer;
  title?: string;
  sync?: "manual" | "daily" | "weekly";
};

function validIds(packPublicId: string, sourcePublicId?: string) {
  if (!isPublicId(packPublicId)) throw packNotFound();
  if (sourcePublicId !== undefined && !isPublicId(sourcePublicId)) throw sourceNotFound();
  return { pack: packPublicId.toLowerCase(), source: sourcePublicId?.toLowerCase() };
}

export async function listSources(organizationId: number, packPublicId: string): Promise<SourceRow[]> {
  const ids = validIds(packPublicId);
  const [pack, rows] = await Promise.all([
    findPackIdByPublicId(db, organizationId, ids.pack),
    listSourcesOfPack(db, organizationId, ids.pack),
  ]);
  if (!pack) throw packNotFound();
  return rows;
}

function describeNew(packId: number, organizationId: number, input: CreateSourceInput) {
  if (input.type === "text") {
    const bytes = Buffer.from(input.content, "utf8");
    const values: NewSource = {
      organizationId,
      packId,
      type: "text",
      title: input.title,
      bytes: bytes.byteLength,
    };
    return { values, payload: bytes };
  }
  const values: NewSource = {
    organizationId,
    packId,
    type: "url",
    title: input.title ?? new URL(input.url).hostname,
    url: input.url,
    crawl: input.crawl,
    sync: input.sync,
  };
  return { values, payload: null };
}

export async function addSource(
  ctx: UseCaseContext,
  packPublicId: string,
  input: CreateSourceInput | ({ type: "file" } & UploadedFile),
) {
  const ids = validIds(packPublicId);
  return unitOfWork(ctx, async ({ tx, audit, afterCommit }) => {
    const pack = await findPackIdByPublicId(tx, ctx.organizationId, ids.pack);
    if (!pack) throw packNotFound();
    const { values, payload } =
      input.type === "file"
        ? {
            values: {
              organizationId: ctx.organizationId,
              packId: pack.id,
              type: "file" as const,
              title: input.title ?? input.filename,
              filename: input.filename,
              mime: input.mime,
              sync: input.sync ?? "manual",
              bytes: input.bytes.byteLength,
            },
            payload: input.bytes,
          }
        : describeNew(pack.id, ctx.organizationId, input);
    const row = await insertSourceWithPayload(tx, values, payload);
    await audit("knowledge_source.created", row.publicId, { pack_id: pack.publicId, type: row.type });
    afterCommit.syncKnowledge(syncRequestOf(ctx, row));
    return row;
  });
}

const syncRequestOf = (ctx: UseCaseContext, row: SourceRow) => ({
  organizationId: ctx.organizationId,
  sourcePublicId: row.publicId,
  requestedAt: row.syncRequestedAt,
});

export async function resyncSource(ctx: UseCaseContext, packPublicId: string, sourcePublicId: string) {
  const ids = validIds(packPublicId, sourcePublicId);
  return unitOfWork(ctx, async ({ tx, audit, afterCommit }) => {
    const row = await requestSourceSync(tx, ctx.organizationId, ids.pack, ids.source!);
    if (!row) throw sourceNotFound();
    await audit("knowledge_source.resync_requested", row.publicId, { pack_id: ids.pack });
    afterCommit.syncKnowledge(syncRequestOf(ctx, row));
    return row;
  });
}

export async function deleteSource(ctx: UseCaseContext, packPublicId: string, sourcePublicId: string) {
  const ids = validIds(packPublicId, sourcePublicId);
  await unitOfWork(ctx, async ({ tx, audit }) => {
    if (!(await deleteSourceOfPack(tx, ctx.organizationId, ids.pack, ids.source!))) throw sourceNotFound();
    await audit("knowledge_source.deleted", ids.source!, { pack_id: ids.pack });
  });
}

export async function getSource(organizationId: number, packPublicId: string, sourcePublicId: string) {
  const ids = validIds(packPublicId, sourcePublicId);
  const row = await findSourceOfPack(db, organizationId, ids.pack, ids.source!);
  if (!row) throw sourceNotFound();
  return row;
}
