import { apiKeyContext } from "@/lib/actor";
import { api } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { mediaType, readMultipartForm } from "@/lib/http/multipart";
import { json } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";
import { toKnowledgeSourceResource } from "@/lib/knowledge/serialize";
import { addSource, listSources } from "@/lib/knowledge/sources";
import { MULTIPART_MAX_BYTES, uploadedFileFromForm } from "@/lib/knowledge/upload";
import { MESSAGES } from "@/lib/messages";
import { createSourceSchema, KNOWLEDGE_SOURCE_JSON_MAX_BYTES } from "@/lib/validations/knowledge-source";

const packId = publicIdParam("id", "packId", MESSAGES.knowledgePackNotFound);

export const GET = api("knowledge:read")
  .use(packId)
  .handle("GET /api/v1/knowledge-packs/{id}/sources", async ({ principal, packId }) => {
    const rows = await listSources(principal.organizationId, packId);
    return json({ object: "list", data: rows.map(toKnowledgeSourceResource) });
  });

// JSON (text, url) or multipart/form-data (one file); anything else is a 415.
export const POST = api("knowledge:write")
  .use(packId)
  .handle("POST /api/v1/knowledge-packs/{id}/sources", async ({ req, principal, packId }) => {
    const type = mediaType(req);
    const input =
      type === "multipart/form-data"
        ? {
            type: "file" as const,
            ...(await uploadedFileFromForm(await readMultipartForm(req, MULTIPART_MAX_BYTES))),
          }
        : type === "application/json" || type.endsWith("+json")
          ? createSourceSchema.parse(await readJsonBody(req, KNOWLEDGE_SOURCE_JSON_MAX_BYTES))
          : unsupported();
    const row = await addSource(apiKeyContext(principal), packId, input);
    return json(toKnowledgeSourceResource(row), {
      status: 202,
      headers: { Location: `/api/v1/knowledge-packs/${packId}/sources/${row.publicId}` },
    });
  });

function unsupported(): never {
  throw new AppError(
    "unsupported_media_type",
    "Send application/json (a text or url source) or multipart/form-data (one file).",
  );
}
