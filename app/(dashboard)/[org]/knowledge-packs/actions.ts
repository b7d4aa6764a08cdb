"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberContext } from "@/lib/actor";
import { formDataToObject } from "@/lib/auth/form-data";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import {
  createKnowledgePack,
  knowledgePackFormToBody,
  parseKnowledgePackCreate,
  parseKnowledgePackUpdate,
  updateKnowledgePack,
} from "@/lib/knowledge-packs/manage-knowledge-packs";

// Same use cases (and schemas) as POST /api/v1/knowledge-packs.
export const createKnowledgePackAction = orgAction(
  z.object({}),
  async (_data, ctx, formData) => {
    const input = parseKnowledgePackCreate(knowledgePackFormToBody(formDataToObject(formData)));
    const row = await createKnowledgePack(memberContext(ctx), input);
    revalidatePath(`/${ctx.org.slug}/knowledge-packs`);
    redirect(`/${ctx.org.slug}/knowledge-packs/${row.publicId}?created=1`);
  },
  { roles: ADMIN_ROLES },
);

export const updateKnowledgePackAction = orgAction(
  z.object({ pack: z.uuid("Unknown knowledge pack.") }),
  async ({ pack }, ctx, formData) => {
    const input = parseKnowledgePackUpdate(knowledgePackFormToBody(formDataToObject(formData)));
    await updateKnowledgePack(memberContext(ctx), { publicId: pack, input });
    revalidatePath(`/${ctx.org.slug}/knowledge-packs`);
    return { ok: true, message: "Saved." };
  },
  { roles: ADMIN_ROLES },
);
