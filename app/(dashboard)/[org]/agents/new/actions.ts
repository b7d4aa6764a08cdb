"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actorFromUser } from "@/lib/actor";
import { createAgent } from "@/lib/agents/create-agent";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { agentFormSchema } from "@/lib/validations/agent-form";

// The dashboard door of the create use case: same schema, same transaction as POST /api/v1/agents.
// The hidden idempotency key makes a double click or a resubmitted form create one agent.
export const createAgentAction = orgAction(
  agentFormSchema,
  async (input, ctx) => {
    const { agent } = await createAgent({
      organizationId: ctx.org.id,
      actor: actorFromUser(ctx.user),
      input,
    });
    revalidatePath(`/${ctx.org.slug}/agents`);
    redirect(`/${ctx.org.slug}/agents/${agent.publicId}`);
  },
  { roles: ADMIN_ROLES },
);
