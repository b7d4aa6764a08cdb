import { and, eq, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { knowledgeChunks, knowledgePacks, knowledgeSourcePayloads, knowledgeSources } from "@/db/schema";

// The ingestion function's reads and writes. Chunks are written under the sync's generation and
// become visible when `finishSourceSync` switches the source to it.

export type ChunkToStore = {
  ordinal: number;
  heading: string | null;
  text: string;
  tokenEstimate: number;
  title: string | null;
  url: string | null;
};

/** Marks the source `processing` for a new generation; undefined when it was deleted. */
export async function beginSourceSync(db: Executor, sourcePublicId: string) {
  const rows = await db.execute<{
    id: number;
    public_id: string;
    organization_id: number;
    pack_id: number;
    type: "text" | "file" | "url";
    title: string;
    url: string | null;
    filename: string | null;
    mime: string | null;
    crawl: "page" | "sitemap";
    generation: number;
    language: string;
  }>(sql`
    update knowledge_sources s set status = 'processing', error = null, progress_done = 0,
      updated_at = now()
    from knowledge_packs p
    where s.public_id = ${sourcePublicId} and p.id = s.pack_id
    returning s.id, s.public_id, s.organization_id, s.pack_id, s.type, s.title, s.url, s.filename, s.mime, s.crawl,
      s.generation + 1 as generation,
      coalesce((select ts.oid::regconfig from pg_ts_config ts where ts.cfgname = p.language), 'simple'::regconfig)::text as language`);
  const r = rows[0];
  return r
    ? { ...r, id: Number(r.id), organization_id: Number(r.organization_id), pack_id: Number(r.pack_id) }
    : undefined;
}

export type SyncTarget = NonNullable<Awaited<ReturnType<typeof beginSourceSync>>>;

export async function setSourceProgressTotal(db: Executor, sourceId: number, total: number) {
  await db.update(knowledgeSources).set({ progressTotal: total }).where(eq(knowledgeSources.id, sourceId));
}

export async function loadSourcePayload(db: Executor, sourceId: number): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ bytes: knowledgeSourcePayloads.bytes })
    .from(knowledgeSourcePayloads)
    .where(eq(knowledgeSourcePayloads.sourceId, sourceId));
  return row?.bytes;
}

/**
 * One document's chunks under the sync's generation, replacing what an earlier attempt of the
 * same document left (ordinals `[from, to)`), and one more document done; batched inserts.
 * The caller runs it in one transaction.
 */
export async function storeDocumentChunks(
  db: Executor,
  target: { sourceId: number; packId: number; organizationId: number; generation: number; language: string },
  range: { from: number; to: number },
  chunks: ChunkToStore[],
) {
  await db
    .delete(knowledgeChunks)
    .where(
      and(
        eq(knowledgeChunks.sourceId, target.sourceId),
        eq(knowledgeChunks.generation, target.generation),
        sql`${knowledgeChunks.ordinal} >= ${range.from} and ${knowledgeChunks.ordinal} < ${range.to}`,
      ),
    );
  for (let i = 0; i < chunks.length; i += 500) {
    await db.insert(knowledgeChunks).values(
      chunks.slice(i, i + 500).map((c) => ({
        sourceId: target.sourceId,
        packId: target.packId,
        organizationId: target.organizationId,
        generation: target.generation,
        ordinal: c.ordinal,
        heading: c.heading,
        text: c.text,
        title: c.title,
        url: c.url,
        tokenEstimate: c.tokenEstimate,
        language: sql`${target.language}::regconfig`,
      })),
    );
  }
  await db
    .update(knowledgeSources)
    .set({
      progressDone: sql`least(${knowledgeSources.progressDone} + 1, ${knowledgeSources.progressTotal})`,
    })
    .where(eq(knowledgeSources.id, target.sourceId));
}

/**
 * Switches the source to the new generation and drops every other one (the caller's short
 * transaction); returns the chunk count (undefined when the source is gone).
 */
export async function finishSourceSync(
  db: Executor,
  sourceId: number,
  generation: number,
  facts: { contentHash: string; bytes: number; title?: string },
) {
  await db
    .delete(knowledgeChunks)
    .where(and(eq(knowledgeChunks.sourceId, sourceId), ne(knowledgeChunks.generation, generation)));
  const [row] = await db
    .update(knowledgeSources)
    .set({
      generation,
      status: "ready",
      error: null,
      progressDone: knowledgeSources.progressTotal,
      chunkCount: sql`(select count(*)::int from ${knowledgeChunks} where ${knowledgeChunks.sourceId} = ${sourceId})`,
      lastSyncedAt: sql`now()`,
      contentHash: facts.contentHash,
      bytes: facts.bytes,
      ...(facts.title ? { title: facts.title } : {}),
    })
    .where(eq(knowledgeSources.id, sourceId))
    .returning({ chunks: knowledgeSources.chunkCount });
  return row?.chunks;
}

/** A failed sync: the reason on the source, its staged chunks dropped, the previous ones kept. */
export async function failSourceSync(db: Executor, sourcePublicId: string, reason: string) {
  const rows = await db.execute<{ id: number }>(sql`
    with s as (
      update knowledge_sources set status = 'failed', error = ${reason.slice(0, 500)}, updated_at = now(),
        last_synced_at = coalesce(last_synced_at, now())
      where public_id = ${sourcePublicId} returning id, generation
    ), d as (
      delete from knowledge_chunks c using s where c.source_id = s.id and c.generation <> s.generation
    )
    select id from s`);
  return rows.length > 0;
}

/**
 * Sources a scheduled sync is due for (daily/weekly past their period), and pending ones whose
 * event was lost (requested a while ago and never begun). One statement.
 */
export async function listSourcesDueForSync(db: Executor, opts: { lostAfterMinutes: number; limit: number }) {
  const rows = await db.execute<{ public_id: string; organization_id: number; requested_at: string }>(sql`
    update knowledge_sources set status = 'pending', sync_requested_at = now(), progress_done = 0
    where id in (
      select id from knowledge_sources
      where (sync = 'daily' and status in ('ready', 'failed') and last_synced_at < now() - interval '1 day')
         or (sync = 'weekly' and status in ('ready', 'failed') and last_synced_at < now() - interval '7 days')
         or (status = 'pending' and sync_requested_at < now() - make_interval(mins => ${opts.lostAfterMinutes}))
      order by id limit ${opts.limit}
      for update skip locked
    )
    returning public_id, organization_id, sync_requested_at as requested_at`);
  return rows.map((r) => ({
    publicId: r.public_id,
    organizationId: Number(r.organization_id),
    requestedAt: new Date(r.requested_at),
  }));
}

/** Packs' language changes re-index their chunks in place (the vectors are generated). */
export async function setPackChunksLanguage(db: Executor, packId: number) {
  await db.execute(sql`
    update knowledge_chunks c set language = coalesce((select ts.oid::regconfig from pg_ts_config ts where ts.cfgname = p.language), 'simple'::regconfig)
    from ${knowledgePacks} p where p.id = ${packId} and c.pack_id = p.id`);
}
