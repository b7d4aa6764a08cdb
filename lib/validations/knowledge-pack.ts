import { z } from "zod";
import { knowledgeLanguageSchema } from "./knowledge-source";
import { rejectUnstorableText } from "./storable-text";

/** Knowledge pack content limit: 200 KB of UTF-8. The POST route reads bodies up to 256 KiB for it. */
export const KNOWLEDGE_CONTENT_MAX_BYTES = 200 * 1024;
export const KNOWLEDGE_PACK_BODY_MAX_BYTES = 256 * 1024;

const name = z
  .string()
  .trim()
  .min(1, "Name is required.")
  .max(100, "At most 100 characters.")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "Name cannot contain control characters." });
const description = z.string().trim().max(500, "At most 500 characters.").nullish();
const content = z.string().refine((s) => Buffer.byteLength(s, "utf8") <= KNOWLEDGE_CONTENT_MAX_BYTES, {
  message: "Content must be at most 200 KB.",
});

const language = knowledgeLanguageSchema.optional();

export const createKnowledgePackSchema = z
  .strictObject({ name, description, content: content.default(""), language })
  .superRefine(rejectUnstorableText);
export type CreateKnowledgePackInput = z.infer<typeof createKnowledgePackSchema>;

export const updateKnowledgePackSchema = z
  .strictObject({
    name: name.optional(),
    description,
    content: content.optional(),
    language,
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change." })
  .superRefine(rejectUnstorableText);
export type UpdateKnowledgePackInput = z.infer<typeof updateKnowledgePackSchema>;
