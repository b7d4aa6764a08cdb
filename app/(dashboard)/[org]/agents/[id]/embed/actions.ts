"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberContext } from "@/lib/actor";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { allowedOriginsSchema } from "@/lib/validations/agent";
import { rotateAgentPublicId, setAgentAllowedOrigins } from "@/lib/widget/manage";

const agentId = z.uuid("Unknown agent.");

/** One origin per line; blank lines ignored. Errors name the line. */
function parseOrigins(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const parsed = allowedOriginsSchema.safeParse(lines);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const index = typeof issue?.path[0] === "number" ? issue.path[0] : undefined;
    const where = index === undefined ? "" : `Line ${index + 1} (“${lines[index]}”): `;
    throw AppError.validation([
      { path: "origins", message: `${where}${issue?.message ?? "Invalid origin."}` },
    ]);
  }
  return parsed.data;
}

export const updateAllowedOriginsAction = orgAction(
  z.object({ agentId, origins: z.string().max(10_000).default("") }),
  async (data, ctx) => {
    const origins = parseOrigins(data.origins);
    await setAgentAllowedOrigins({
      ...memberContext(ctx),
      agentPublicId: data.agentId,
      origins,
    });
    revalidatePath(`/${ctx.org.slug}/agents/${data.agentId}/embed`);
    return {
      ok: true,
      message:
        origins.length === 0
          ? "Saved. No origins: only YourAgent itself may frame the widget."
          : `Saved ${origins.length} allowed origin${origins.length === 1 ? "" : "s"}.`,
    };
  },
  { roles: ADMIN_ROLES },
);

export const rotatePublicIdAction = orgAction(
  z.object({ agentId, confirm: z.literal("rotate", { error: "Confirm the rotation first." }) }),
  async (data, ctx) => {
    const { publicId } = await rotateAgentPublicId({
      ...memberContext(ctx),
      agentPublicId: data.agentId,
    });
    revalidatePath(`/${ctx.org.slug}/agents`);
    // Outside any try/catch: redirect() throws on purpose.
    redirect(`/${ctx.org.slug}/agents/${publicId}/embed?rotated=1`);
  },
  { roles: ADMIN_ROLES },
);
