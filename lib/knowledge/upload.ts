import { KNOWLEDGE_FILE_MAX_BYTES } from "@/db/schema/knowledge-sources";
import { AppError } from "@/lib/errors";
import { detectKind } from "@/lib/knowledge/extract/detect";
import { fileSourceFieldsSchema, parseKnowledgeInput } from "@/lib/validations/knowledge-source";
import type { UploadedFile } from "./sources";

/** The whole multipart body may carry the 10 MB file plus its headers and a few fields. */
export const MULTIPART_MAX_BYTES = KNOWLEDGE_FILE_MAX_BYTES + 64 * 1024;

const MAX_FILENAME = 255;

/**
 * One `file` part (PDF, DOCX, Markdown, HTML or plain text, at most 10 MB) and the optional
 * `title` and `sync` fields. Unknown fields are a 422; an unreadable type is a 415.
 */
export async function uploadedFileFromForm(form: FormData): Promise<UploadedFile> {
  const files = form.getAll("file");
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key === "file") continue;
    if (typeof value !== "string" || key in fields) {
      throw AppError.validation([{ path: key, message: "Send one file, in the field named file." }]);
    }
    fields[key] = value;
  }
  const file = files[0];
  if (files.length !== 1 || !file || typeof file === "string") {
    throw AppError.validation([{ path: "file", message: "Send exactly one file, in the field named file." }]);
  }
  const { title, sync } = parseKnowledgeInput(fileSourceFieldsSchema, fields);
  if (file.size > KNOWLEDGE_FILE_MAX_BYTES)
    throw new AppError("payload_too_large", "A file may be at most 10 MB.");
  if (file.size === 0) throw AppError.validation([{ path: "file", message: "The file is empty." }]);
  const filename = (file.name || "upload").slice(0, MAX_FILENAME);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a file name with control characters is refused
  if (/[\u0000-\u001f\u007f]/.test(filename)) {
    throw AppError.validation([
      { path: "file", message: "The file name cannot contain control characters." },
    ]);
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  const kind = detectKind(filename, file.type || null, new Uint8Array(bytes));
  if (!kind) {
    throw new AppError("unsupported_media_type", "Upload a PDF, DOCX, Markdown, HTML or plain text file.");
  }
  return { filename, mime: file.type || "application/octet-stream", bytes, title, sync };
}
