import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { fk, internalId, ownedBy, timestamps } from "./columns";
import {
  knowledgeCrawlEnum,
  knowledgeSourceStatusEnum,
  knowledgeSourceTypeEnum,
  knowledgeSyncEnum,
} from "./enums";
import { knowledgePacks } from "./knowledge-packs";
import { tenantColumns } from "./organizations";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const regconfig = customType<{ data: string }>({ dataType: () => "regconfig" });
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** The 10 MB bound of an uploaded file (and of any stored payload). */
export const KNOWLEDGE_FILE_MAX_BYTES = 10 * 1024 * 1024;

// One source of a pack: pasted text, an uploaded file or a URL. Ingestion writes chunks under a
// new `generation` and switches `generation` in one short transaction, so retrieval never sees a
// half-indexed source and a failed re-sync keeps the previous chunks.
export const knowledgeSources = pgTable(
  "knowledge_sources",
  {
    ...tenantColumns(),
    packId: ownedBy("pack_id", () => knowledgePacks.id),
    type: knowledgeSourceTypeEnum("type").notNull(),
    title: text("title").notNull(),
    url: text("url"),
    filename: text("filename"),
    mime: text("mime"),
    crawl: knowledgeCrawlEnum("crawl").notNull().default("page"),
    status: knowledgeSourceStatusEnum("status").notNull().default("pending"),
    error: text("error"),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    chunkCount: integer("chunk_count").notNull().default(0),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    sync: knowledgeSyncEnum("sync").notNull().default("manual"),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true, mode: "date" }),
    syncRequestedAt: timestamp("sync_requested_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
    contentHash: text("content_hash"),
    generation: integer("generation").notNull().default(0),
    // The source made from the pack's own `content` field (kept in step with it).
    packContent: boolean("pack_content").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("knowledge_sources_pack_idx").on(t.packId, t.id),
    uniqueIndex("knowledge_sources_pack_content_unique").on(t.packId).where(sql`${t.packContent}`),
    index("knowledge_sources_sync_idx").on(t.sync, t.lastSyncedAt),
  ],
);

// The payload to (re-)ingest: an uploaded file's bytes or a text source's UTF-8 text.
export const knowledgeSourcePayloads = pgTable(
  "knowledge_source_payloads",
  {
    sourceId: bigint("source_id", { mode: "number" })
      .primaryKey()
      .references(() => knowledgeSources.id, { onDelete: "cascade" }),
    bytes: bytea("bytes").notNull(),
    ...timestamps,
  },
  (t) => [
    check(
      "knowledge_source_payloads_size",
      sql`octet_length(${t.bytes}) <= ${sql.raw(String(KNOWLEDGE_FILE_MAX_BYTES))}`,
    ),
  ],
);

export const knowledgeChunks = pgTable(
  "knowledge_chunks",
  {
    id: internalId(),
    sourceId: ownedBy("source_id", () => knowledgeSources.id),
    packId: ownedBy("pack_id", () => knowledgePacks.id),
    organizationId: fk("organization_id").notNull(),
    generation: integer("generation").notNull(),
    ordinal: integer("ordinal").notNull(),
    heading: text("heading"),
    text: text("text").notNull(),
    title: text("title"),
    url: text("url"),
    tokenEstimate: integer("token_estimate").notNull(),
    // The pack's text search configuration when indexed (`simple` when it has none).
    language: regconfig("language").notNull().default(sql`'simple'::regconfig`),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector(language, coalesce(heading, '') || ' ' || coalesce(title, '') || ' ' || text)`,
    ),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("knowledge_chunks_search_idx").using("gin", t.searchVector),
    index("knowledge_chunks_source_idx").on(t.sourceId, t.generation, t.ordinal),
    index("knowledge_chunks_pack_idx").on(t.packId),
  ],
);
