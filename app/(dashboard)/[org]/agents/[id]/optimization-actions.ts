"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberContext } from "@/lib/actor";
import { requestOptimization } from "@/lib/agents/optimization/request-optimization";
import { updateAgent } from "@/lib/agents/update-agent";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { parseAgentPatch } from "@/lib/validations/agent";

const target = z.object({ agent: z.uuid("Unknown agent.") });

export const reoptimizeAgentAction = orgAction(
  target,
  async ({ agent }, ctx) => {
    const row = await requestOptimization(memberContext(ctx), { publicId: agent });
    revalidatePath(`/${ctx.org.slug}/agents/${agent}`);
    return {
      ok: true,
      message:
        row.optimizationStatus === "skipped"
          ? "Skipped: no Gemini API key is configured on the server."
          : "Optimization requested. This page updates when it finishes.",
    };
  },
  { roles: ADMIN_ROLES },
);

// The switch goes through the PATCH use case, so it is audited like any other edit.
export const setUseOptimizedPromptAction = orgAction(
  target.extend({ use_optimized_prompt: z.enum(["true", "false"]) }),
  async ({ agent, use_optimized_prompt }, ctx) => {
    const useOptimized = use_optimized_prompt === "true";
    await updateAgent(memberContext(ctx), {
      publicId: agent,
      patch: parseAgentPatch({ use_optimized_prompt: useOptimized }),
    });
    revalidatePath(`/${ctx.org.slug}/agents/${agent}`);
    return {
      ok: true,
      message: useOptimized
        ? "The agent now answers with the optimized prompt."
        : "The agent now answers with the original prompt.",
    };
  },
  { roles: ADMIN_ROLES },
);
