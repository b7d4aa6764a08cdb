"use server";

import { z } from "zod";
import { memberContext, type UseCaseContext } from "@/lib/actor";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { searchKnowledgePack } from "@/lib/knowledge/search";
import { toKnowledgeSourceResource, toPassageResource } from "@/lib/knowledge/serialize";
import { addSource, deleteSource, listSources, resyncSource } from "@/lib/knowledge/sources";
import { uploadedFileFromForm } from "@/lib/knowledge/upload";
import {
  createSourceSchema,
  knowledgeSearchQuerySchema,
  parseKnowledgeInput,
} from "@/lib/validations/knowledge-source";

// The pack page's source panel: the same use cases as /api/v1/knowledge-packs/{id}/sources.
const packField = z.object({ pack: z.uuid("Unknown knowledge pack.") });
const sourceFields = packField.extend({ source: z.uuid("Unknown source.") });

const sourcesOf = async (orgId: number, pack: string) =>
  (await listSources(orgId, pack)).map(toKnowledgeSourceResource);

/** The panel's polling: every source with its status and progress. */
export const refreshSourcesAction = orgAction(packField, async ({ pack }, ctx) => ({
  ok: true,
  data: await sourcesOf(ctx.org.id, pack),
}));

export const addUrlSourceAction = orgAction(
  packField.extend({ url: z.string(), crawl: z.string(), sync: z.string() }),
  async ({ pack, url, crawl, sync }, ctx) => {
    const input = parseKnowledgeInput(createSourceSchema, { type: "url", url, crawl, sync });
    await addSource(memberContext(ctx), pack, input);
    return { ok: true, message: "Added: it is being fetched.", data: await sourcesOf(ctx.org.id, pack) };
  },
  { roles: ADMIN_ROLES },
);

export const uploadSourceAction = orgAction(
  packField,
  async ({ pack }, ctx, formData) => {
    // Only the file part: the form's own fields (org, pack) are not the upload's.
    const upload = new FormData();
    for (const f of formData.getAll("file")) upload.append("file", f);
    const file = await uploadedFileFromForm(upload);
    await addSource(memberContext(ctx), pack, { type: "file", ...file });
    return { ok: true, message: `Uploaded ${file.filename}.`, data: await sourcesOf(ctx.org.id, pack) };
  },
  { roles: ADMIN_ROLES },
);

/** One source's re-sync or deletion, answered with the list as it is now. */
function sourceAction(
  work: (ctx: UseCaseContext, pack: string, source: string) => Promise<unknown>,
  message: string,
) {
  return orgAction(
    sourceFields,
    async ({ pack, source }, ctx) => {
      await work(memberContext(ctx), pack, source);
      return { ok: true, message, data: await sourcesOf(ctx.org.id, pack) };
    },
    { roles: ADMIN_ROLES },
  );
}

export const resyncSourceAction = sourceAction(resyncSource, "Re-sync started.");
export const deleteSourceAction = sourceAction(deleteSource, "Source deleted.");

/** "Try a question": the ranked passages an agent on this pack would be given. */
export const tryQuestionAction = orgAction(packField.extend({ q: z.string() }), async ({ pack, q }, ctx) => {
  const query = parseKnowledgeInput(knowledgeSearchQuerySchema, { q, limit: 6 });
  const passages = await searchKnowledgePack(ctx.org.id, pack, query);
  return { ok: true, data: passages.map((p, i) => toPassageResource(p, i + 1)) };
});
