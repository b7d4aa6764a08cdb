"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorFromUser } from "@/lib/actor";
import { restorePromptVersion } from "@/lib/agents/prompt-versions/restore-prompt-version";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";

// The same use case as POST …/prompt-versions/{version}/restore, for an admin's session.
export const restorePromptVersionAction = orgAction(
  z.object({
    agent: z.uuid("Unknown agent."),
    version: z.coerce.number().int().min(1, "Unknown version.").max(2_147_483_647, "Unknown version."),
  }),
  async ({ agent, version }, ctx) => {
    const restored = await restorePromptVersion(
      { organizationId: ctx.org.id, actor: actorFromUser(ctx.user) },
      { publicId: agent, version, input: {} },
    );
    revalidatePath(`/${ctx.org.slug}/agents/${agent}`);
    revalidatePath(`/${ctx.org.slug}/agents/${agent}/versions`);
    return {
      ok: true,
      message: `Restored version ${version} as version ${restored.version.version}. The agent now answers with it.`,
    };
  },
  { roles: ADMIN_ROLES },
);
