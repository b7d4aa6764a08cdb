import { z } from "zod";
import {
  knowledgeCrawlEnum,
  knowledgeSourceStatusEnum,
  knowledgeSourceTypeEnum,
  knowledgeSyncEnum,
} from "@/db/schema/enums";

const timestamp = z.iso.datetime().meta({ example: "2026-11-26T08:00:00.000Z" });
const uuid = z.uuid().meta({ example: "5a1e2d3c-4b5a-4678-9abc-def012345678" });

export const knowledgeSourceResourceSchema = z
  .object({
    object: z.literal("knowledge_source"),
    id: uuid,
    type: z.enum(knowledgeSourceTypeEnum.enumValues),
    title: z.string(),
    url: z.string().nullable(),
    filename: z.string().nullable(),
    crawl: z.enum(knowledgeCrawlEnum.enumValues).nullable().describe("URL sources: one page or the sitemap."),
    status: z.enum(knowledgeSourceStatusEnum.enumValues),
    error: z.string().nullable().describe("Why the last sync failed (shown to admins)."),
    progress: z
      .object({ done: z.number().int(), total: z.number().int() })
      .describe("Documents (pages) done."),
    chunks: z.number().int().describe("Passages searchable now."),
    bytes: z.number().int(),
    last_synced_at: timestamp.nullable(),
    sync: z.enum(knowledgeSyncEnum.enumValues),
    created_at: timestamp,
  })
  .meta({ id: "KnowledgeSource" });

export const knowledgeSourceListSchema = z
  .object({ object: z.literal("list"), data: z.array(knowledgeSourceResourceSchema) })
  .meta({ id: "KnowledgeSourceList" });

export const knowledgePassageSchema = z
  .object({
    object: z.literal("knowledge_passage"),
    rank: z.number().int(),
    score: z.number().describe("ts_rank_cd of the passage for the query (higher is better)."),
    source: z.object({ id: uuid, title: z.string(), url: z.string().nullable() }),
    heading: z.string().nullable(),
    text: z.string(),
    token_estimate: z.number().int(),
  })
  .meta({ id: "KnowledgePassage" });

export const knowledgeSearchResultSchema = z
  .object({ object: z.literal("list"), query: z.string(), data: z.array(knowledgePassageSchema) })
  .meta({ id: "KnowledgeSearchResult" });

export const fileUploadSchema = z
  .object({
    file: z
      .string()
      .meta({ format: "binary" })
      .describe("PDF, DOCX, Markdown, HTML or plain text; at most 10 MB."),
    title: z.string().optional(),
    sync: z.enum(knowledgeSyncEnum.enumValues).optional(),
  })
  .meta({ id: "KnowledgeFileUpload" });

export const exampleSource = {
  object: "knowledge_source",
  id: "5a1e2d3c-4b5a-4678-9abc-def012345678",
  type: "url",
  title: "Help center",
  url: "https://help.example.com/sitemap.xml",
  filename: null,
  crawl: "sitemap",
  status: "pending",
  error: null,
  progress: { done: 0, total: 0 },
  chunks: 0,
  bytes: 0,
  last_synced_at: null,
  sync: "weekly",
  created_at: "2026-11-26T08:00:00.000Z",
};
