"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/auth/action-state";
import { formDataToObject, invalidFormState } from "@/lib/auth/form-data";
import { getCurrentUser } from "@/lib/auth/org-context";
import { isAppError } from "@/lib/errors";
import { createOrganizationForUser } from "@/lib/organizations/create-organization";

const schema = z.object({ name: z.string().trim().min(2, "Use at least 2 characters.").max(100) });

export async function createOrganizationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const raw = formDataToObject(formData);
  const parsed = schema.safeParse(raw);
  const values = { name: String(raw.name ?? "") };
  if (!parsed.success) return invalidFormState("Check the name.", parsed.error, values);
  let slug: string;
  try {
    ({ slug } = await createOrganizationForUser({ name: parsed.data.name, user }));
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.message, values };
    throw e;
  }
  redirect(`/${slug}/agents`);
}
