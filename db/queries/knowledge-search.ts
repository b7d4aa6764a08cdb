import { sql } from "drizzle-orm";
import type { Executor } from "@/db";

export type ChunkHit = {
  chunkId: number;
  sourcePublicId: string;
  sourceTitle: string;
  sourceUrl: string | null;
  heading: string | null;
  title: string | null;
  url: string | null;
  text: string;
  tokenEstimate: number;
  score: number;
};

/**
 * The pack's best chunks for a websearch query, at most `perSource` from each source, best
 * first: one statement. Only chunks of each source's current generation count (a sync in
 * progress stays invisible). The GIN index finds the matches; ranking touches only those.
 */
export async function searchPackChunks(
  db: Executor,
  opts: { packId: number; terms: string; perSource: number; limit: number },
): Promise<ChunkHit[]> {
  const rows = await db.execute<{
    chunk_id: number;
    source_public_id: string;
    source_title: string;
    source_url: string | null;
    heading: string | null;
    title: string | null;
    url: string | null;
    text: string;
    token_estimate: number;
    score: number;
  }>(sql`
    with q as (
      select websearch_to_tsquery(coalesce((select ts.oid::regconfig from pg_ts_config ts where ts.cfgname = p.language), 'simple'::regconfig), ${opts.terms}) as query
      from knowledge_packs p where p.id = ${opts.packId}
    ), hits as (
      select c.id, c.source_id, ts_rank_cd(c.search_vector, q.query, 1) as score
      from knowledge_chunks c cross join q
      join knowledge_sources s on s.id = c.source_id and s.generation = c.generation
      where c.search_vector @@ q.query and c.pack_id = ${opts.packId}
    ), ranked as (
      select id, source_id, score, row_number() over (partition by source_id order by score desc, id) as rn
      from hits
    )
    select c.id as chunk_id, s.public_id as source_public_id, s.title as source_title,
      s.url as source_url, c.heading, c.title, c.url, c.text, c.token_estimate, r.score::float8 as score
    from ranked r
    join knowledge_chunks c on c.id = r.id
    join knowledge_sources s on s.id = r.source_id
    where r.rn <= ${opts.perSource}
    order by r.score desc, r.id
    limit ${opts.limit}`);
  return rows.map((r) => ({
    chunkId: Number(r.chunk_id),
    sourcePublicId: r.source_public_id,
    sourceTitle: r.source_title,
    sourceUrl: r.source_url,
    heading: r.heading,
    title: r.title,
    url: r.url,
    text: r.text,
    tokenEstimate: Number(r.token_estimate),
    score: Number(r.score),
  }));
}
