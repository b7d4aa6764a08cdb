"use server";

import { revalidatePath } from "next/cache";
import { memberContext } from "@/lib/actor";
import { orgAction } from "@/lib/auth/org-action";
import { updateTranscriptSettings } from "@/lib/organizations/transcript-settings";
import { transcriptSettingsSchema } from "@/lib/validations/transcript-settings";

/** Transcript retention and storage: owners only (orgAction refuses everyone else). */
export const updateTranscriptSettingsAction = orgAction(
  transcriptSettingsSchema,
  async (data, ctx) => {
    const { changed } = await updateTranscriptSettings(memberContext(ctx), data);
    revalidatePath(`/${ctx.org.slug}/settings`);
    return { ok: true, message: changed ? "Transcript settings saved." : "Nothing to change." };
  },
  { roles: ["owner"] },
);
