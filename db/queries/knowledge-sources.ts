import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { knowledgePacks, knowledgeSourcePayloads, knowledgeSources } from "@/db/schema";

// Sources of a pack as the API and the dashboard read and write them. Tenancy is in every WHERE:
// the organization and the pack's public id.

export const sourceColumns = {
  id: knowledgeSources.id,
  publicId: knowledgeSources.publicId,
  type: knowledgeSources.type,
  title: knowledgeSources.title,
  url: knowledgeSources.url,
  filename: knowledgeSources.filename,
  crawl: knowledgeSources.crawl,
  status: knowledgeSources.status,
  error: knowledgeSources.error,
  progressDone: knowledgeSources.progressDone,
  progressTotal: knowledgeSources.progressTotal,
  chunkCount: knowledgeSources.chunkCount,
  bytes: knowledgeSources.bytes,
  sync: knowledgeSources.sync,
  lastSyncedAt: knowledgeSources.lastSyncedAt,
  syncRequestedAt: knowledgeSources.syncRequestedAt,
  createdAt: knowledgeSources.createdAt,
};
const inPack = (organizationId: number, packPublicId: string) =>
  and(
    eq(knowledgeSources.organizationId, organizationId),
    eq(
      knowledgeSources.packId,
      sql`(select ${knowledgePacks.id} from ${knowledgePacks} where ${knowledgePacks.organizationId} = ${organizationId} and ${knowledgePacks.publicId} = ${packPublicId})`,
    ),
  );

export async function findPackIdByPublicId(db: Executor, organizationId: number, packPublicId: string) {
  const [row] = await db
    .select({ id: knowledgePacks.id, publicId: knowledgePacks.publicId })
    .from(knowledgePacks)
    .where(and(eq(knowledgePacks.organizationId, organizationId), eq(knowledgePacks.publicId, packPublicId)));
  return row;
}

export function listSourcesOfPack(db: Executor, organizationId: number, packPublicId: string) {
  return db
    .select(sourceColumns)
    .from(knowledgeSources)
    .where(inPack(organizationId, packPublicId))
    .orderBy(asc(knowledgeSources.id))
    .limit(1000);
}

export type SourceRow = Awaited<ReturnType<typeof listSourcesOfPack>>[number];

export async function findSourceOfPack(
  db: Executor,
  organizationId: number,
  packPublicId: string,
  sourcePublicId: string,
) {
  const [row] = await db
    .select(sourceColumns)
    .from(knowledgeSources)
    .where(and(inPack(organizationId, packPublicId), eq(knowledgeSources.publicId, sourcePublicId)));
  return row;
}

export type NewSource = {
  organizationId: number;
  packId: number;
  type: "text" | "file" | "url";
  title: string;
  url?: string | null;
  filename?: string | null;
  mime?: string | null;
  crawl?: "page" | "sitemap";
  sync?: "manual" | "daily" | "weekly";
  bytes?: number;
  packContent?: boolean;
};

/** The source row and, when it has one, its payload (text or file bytes): one statement. */
export async function insertSourceWithPayload(db: Executor, values: NewSource, payload: Buffer | null) {
  const [row] = await db.insert(knowledgeSources).values(values).returning(sourceColumns);
  if (payload) await db.insert(knowledgeSourcePayloads).values({ sourceId: row!.id, bytes: payload });
  return row!;
}

export async function deleteSourceOfPack(
  db: Executor,
  organizationId: number,
  packPublicId: string,
  sourcePublicId: string,
) {
  const rows = await db
    .delete(knowledgeSources)
    .where(and(inPack(organizationId, packPublicId), eq(knowledgeSources.publicId, sourcePublicId)))
    .returning({ publicId: knowledgeSources.publicId });
  return rows.length > 0;
}

/** Back to `pending` for a new sync; the previous chunks stay searchable until it finishes. */
export async function requestSourceSync(
  db: Executor,
  organizationId: number,
  packPublicId: string,
  sourcePublicId: string,
) {
  const [row] = await db
    .update(knowledgeSources)
    .set({ status: "pending", error: null, progressDone: 0, syncRequestedAt: sql`now()` })
    .where(and(inPack(organizationId, packPublicId), eq(knowledgeSources.publicId, sourcePublicId)))
    .returning(sourceColumns);
  return row;
}

/** The pack-content source follows the pack's `content`: new payload, pending again. */
export async function replacePackContentSource(
  db: Executor,
  pack: { organizationId: number; packId: number; title: string },
  content: string,
) {
  const bytes = Buffer.from(content, "utf8");
  const rows = await db.execute<{ id: number; public_id: string; sync_requested_at: string }>(sql`
    with s as (
      insert into knowledge_sources (organization_id, pack_id, type, title, bytes, pack_content)
      values (${pack.organizationId}, ${pack.packId}, 'text', ${pack.title}, ${bytes.byteLength}, true)
      on conflict (pack_id) where pack_content do update
        set status = 'pending', error = null, progress_done = 0, bytes = excluded.bytes,
            sync_requested_at = now(), updated_at = now()
      returning id, public_id, sync_requested_at
    ), p as (
      insert into knowledge_source_payloads (source_id, bytes) select id, ${bytes} from s
      on conflict (source_id) do update set bytes = excluded.bytes, updated_at = now()
    )
    select id, public_id, sync_requested_at from s`);
  const r = rows[0]!;
  return { publicId: r.public_id, syncRequestedAt: new Date(r.sync_requested_at) };
}

/** A pack whose content was emptied drops the source made from it. */
export async function deletePackContentSource(db: Executor, packId: number) {
  await db
    .delete(knowledgeSources)
    .where(and(eq(knowledgeSources.packId, packId), eq(knowledgeSources.packContent, true)));
}
