import { z } from "zod";
import { knowledgeCrawlEnum, knowledgeSyncEnum } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import { rejectUnstorableText } from "./storable-text";
import { webhookUrlSchema } from "./webhook";
import { fieldErrorsFromZod } from "./zod-errors";

/** A text source: 1 MB of UTF-8; its route reads JSON bodies up to this plus room for the rest. */
export const KNOWLEDGE_TEXT_MAX_BYTES = 1024 * 1024;
export const KNOWLEDGE_SOURCE_JSON_MAX_BYTES = KNOWLEDGE_TEXT_MAX_BYTES + 64 * 1024;

// The text search configurations a stock Postgres ships; a pack names one, chunks fall back to
// `simple` wherever the server lacks it.
export const KNOWLEDGE_LANGUAGES = [
  "simple",
  "arabic",
  "armenian",
  "basque",
  "catalan",
  "danish",
  "dutch",
  "english",
  "finnish",
  "french",
  "german",
  "greek",
  "hindi",
  "hungarian",
  "indonesian",
  "irish",
  "italian",
  "lithuanian",
  "nepali",
  "norwegian",
  "portuguese",
  "romanian",
  "russian",
  "serbian",
  "spanish",
  "swedish",
  "tamil",
  "turkish",
  "yiddish",
] as const;
export const knowledgeLanguageSchema = z.enum(KNOWLEDGE_LANGUAGES, {
  error: "Use a Postgres text search configuration name such as english, german or simple.",
});

const title = z.string().trim().min(1, "Title is required.").max(200, "At most 200 characters.");
const sync = z.enum(knowledgeSyncEnum.enumValues).default("manual");

export const textSourceSchema = z.strictObject({
  type: z.literal("text"),
  title,
  content: z
    .string()
    .refine((s) => s.trim().length > 0, { message: "Write some content." })
    .refine((s) => Buffer.byteLength(s, "utf8") <= KNOWLEDGE_TEXT_MAX_BYTES, {
      message: "Content must be at most 1 MB.",
    }),
});

export const urlSourceSchema = z.strictObject({
  type: z.literal("url"),
  url: webhookUrlSchema,
  title: title.optional(),
  sync,
  crawl: z.enum(knowledgeCrawlEnum.enumValues).default("page"),
});

export const createSourceSchema = z
  .discriminatedUnion("type", [textSourceSchema, urlSourceSchema], {
    error: 'Use type "text" or "url" (upload a file as multipart/form-data).',
  })
  .superRefine(rejectUnstorableText);
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

/** The form fields that come with an uploaded file. */
export const fileSourceFieldsSchema = z.strictObject({
  title: title.optional(),
  sync,
});

export const knowledgeSearchQuerySchema = z.object({
  q: z.string().trim().min(1, "Ask something: q is required.").max(1000, "At most 1,000 characters."),
  limit: z.coerce.number().int().min(1).max(20).default(6),
});

/** Parses or throws the 422 (for doors that are not a pipeline step: actions, multipart). */
export function parseKnowledgeInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
  return parsed.data;
}
