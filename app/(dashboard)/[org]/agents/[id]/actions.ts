"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberContext } from "@/lib/actor";
import { deleteAgent } from "@/lib/agents/delete-agent";
import { updateAgent } from "@/lib/agents/update-agent";
import { formDataToObject } from "@/lib/auth/form-data";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { parseAgentPatch } from "@/lib/validations/agent";
import { agentEditFormToPatch } from "@/lib/validations/agent-edit-form";

const target = z.object({ agent: z.uuid("Unknown agent.") });

// The dashboard door of the PATCH use case: the form maps onto the same body and the same
// updateAgentSchema, so both doors accept and reject exactly the same things.
export const updateAgentAction = orgAction(
  target,
  async ({ agent }, ctx, formData) => {
    const { changed } = await updateAgent(memberContext(ctx), {
      publicId: agent,
      patch: parseAgentPatch(agentEditFormToPatch(formDataToObject(formData))),
    });
    revalidatePath(`/${ctx.org.slug}/agents`);
    revalidatePath(`/${ctx.org.slug}/agents/${agent}`);
    return { ok: true, message: changed.length ? `Saved: ${changed.join(", ")}.` : "Nothing changed." };
  },
  { roles: ADMIN_ROLES },
);

export const deleteAgentAction = orgAction(
  target,
  async ({ agent }, ctx) => {
    const deleted = await deleteAgent(memberContext(ctx), { publicId: agent });
    revalidatePath(`/${ctx.org.slug}/agents`);
    redirect(`/${ctx.org.slug}/agents?deleted=${encodeURIComponent(deleted.name)}`);
  },
  { roles: ADMIN_ROLES },
);
