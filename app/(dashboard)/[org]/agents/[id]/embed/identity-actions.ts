"use server";

import { z } from "zod";
import { memberContext } from "@/lib/actor";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { rotateIdentitySecret } from "@/lib/widget/identity/rotate";

// Creates or rotates the identity secret from the embed page: returned once to this response
// (never stored in the page or revalidated into it), audited without the secret.
export const rotateIdentitySecretAction = orgAction(
  z.object({ agentId: z.uuid("Unknown agent."), confirm: z.literal("rotate", { error: "Confirm first." }) }),
  async (data, ctx) => {
    const { secret } = await rotateIdentitySecret(memberContext(ctx), { publicId: data.agentId });
    return {
      ok: true,
      message: "Copy the secret now: it is not shown again. The previous one no longer works.",
      data: { secret },
    };
  },
  { roles: ADMIN_ROLES },
);
