-- Hand-written: each pack's existing `content` becomes its first text source, ready to retrieve at
-- once. Chunked here in SQL (paragraphs at blank lines, a long paragraph cut every 1,600
-- characters); the next re-sync of the source re-chunks it with the application's chunker.
INSERT INTO "knowledge_sources" ("organization_id", "pack_id", "type", "title", "status", "progress_done",
  "progress_total", "bytes", "last_synced_at", "content_hash", "generation", "pack_content")
SELECT p."organization_id", p."id", 'text', p."name", 'ready', 1, 1, octet_length(p."content"), now(),
  md5(p."content"), 1, true
FROM "knowledge_packs" p
WHERE btrim(p."content") <> '';
--> statement-breakpoint
INSERT INTO "knowledge_source_payloads" ("source_id", "bytes")
SELECT s."id", convert_to(p."content", 'UTF8')
FROM "knowledge_sources" s JOIN "knowledge_packs" p ON p."id" = s."pack_id"
WHERE s."pack_content";
--> statement-breakpoint
WITH paragraphs AS (
  SELECT s."id" AS source_id, s."pack_id", s."organization_id", s."title",
    coalesce((select ts.oid::regconfig from pg_ts_config ts where ts.cfgname = p."language"), 'simple'::regconfig) AS language, para.n, btrim(para.body) AS body
  FROM "knowledge_sources" s
  JOIN "knowledge_packs" p ON p."id" = s."pack_id"
  CROSS JOIN LATERAL regexp_split_to_table(p."content", E'\\n\\s*\\n') WITH ORDINALITY AS para(body, n)
  WHERE s."pack_content" AND btrim(para.body) <> ''
), pieces AS (
  SELECT source_id, "pack_id", "organization_id", "title", language, n, k,
    substr(body, (k - 1) * 1600 + 1, 1600) AS piece
  FROM paragraphs CROSS JOIN LATERAL generate_series(1, greatest(1, ceil(length(body) / 1600.0)::int)) AS k
)
INSERT INTO "knowledge_chunks" ("source_id", "pack_id", "organization_id", "generation", "ordinal",
  "heading", "text", "title", "token_estimate", "language")
SELECT source_id, "pack_id", "organization_id", 1,
  (row_number() OVER (PARTITION BY source_id ORDER BY n, k))::int - 1, NULL, piece, "title",
  greatest(1, ceil(length(piece) / 4.0)::int), language
FROM pieces;
--> statement-breakpoint
UPDATE "knowledge_sources" s SET "chunk_count" = c.n
FROM (SELECT "source_id", count(*)::int AS n FROM "knowledge_chunks" GROUP BY "source_id") c
WHERE c."source_id" = s."id";
