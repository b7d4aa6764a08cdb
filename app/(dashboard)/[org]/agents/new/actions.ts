"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { memberContext } from "@/lib/actor";
import { createAgent } from "@/lib/agents/create-agent";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { AppError, isAppError } from "@/lib/errors";
import { agentFormSchema } from "@/lib/validations/agent-form";

// The dashboard door of the create use case: same schema, same transaction as POST /api/v1/agents.
// The hidden idempotency key makes a double click or a resubmitted form create one agent.
export const createAgentAction = orgAction(
  agentFormSchema,
  async (input, ctx) => {
    let publicId: string;
    try {
      ({
        agent: { publicId },
      } = await createAgent({ ...memberContext(ctx), input }));
    } catch (e) {
      // The form's key already made an agent and the fields changed since (e.g. via the back button).
      if (isAppError(e) && e.code === "idempotency_key_reused") {
        throw new AppError(
          "idempotency_key_reused",
          "This form already created an agent. Reload the page to create another one.",
        );
      }
      throw e;
    }
    revalidatePath(`/${ctx.org.slug}/agents`);
    redirect(`/${ctx.org.slug}/agents/${publicId}`);
  },
  { roles: ADMIN_ROLES },
);
