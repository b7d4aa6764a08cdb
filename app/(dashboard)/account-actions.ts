"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth";
import { changePassword, confirmPassword } from "@/lib/auth/account";
import type { ActionState } from "@/lib/auth/action-state";
import { appErrorFormState, formDataToObject, invalidFormState } from "@/lib/auth/form-data";
import { createLinkIntent, LINK_INTENT_COOKIE, LINK_INTENT_TTL_SECONDS } from "@/lib/auth/link-intent";
import { getCurrentUser } from "@/lib/auth/org-context";
import { bumpSessionVersion } from "@/lib/auth/users";
import { isAppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { MESSAGES } from "@/lib/messages";

const ENDED: ActionState = { ok: false, error: MESSAGES.sessionEnded };
const slugSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

function failure(e: unknown): ActionState {
  if (!isAppError(e)) throw e;
  return appErrorFormState(e);
}

const changeSchema = z.object({
  org: slugSchema,
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: z.string().min(1, "Enter a new password.").max(200, "Use at most 200 characters."),
});

/** Changes the password, ends every session, then signs this browser in again with the new one. */
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return ENDED;
  const parsed = changeSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return invalidFormState(MESSAGES.fixHighlightedFields, parsed.error, {});
  try {
    await changePassword(
      { user, ip: clientIp(await headers()) },
      { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword },
    );
  } catch (e) {
    return failure(e);
  }
  // Outside the try: signIn() redirects by throwing.
  await signIn("credentials", {
    email: user.email,
    password: parsed.data.newPassword,
    redirectTo: `/${parsed.data.org}/settings?notice=password-changed`,
  });
  return { ok: true };
}

/** Ends the sessions of every browser and device, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await bumpSessionVersion(user.id);
  await signOut({ redirectTo: "/sign-in?notice=signed-out-everywhere" });
}

const linkSchema = z.object({ org: slugSchema, currentPassword: z.string().max(1024).optional() });

/**
 * "Link GitHub": proves ownership with the current password (when the account has one), then
 * hands a signed, 10-minute link intent to the GitHub callback, which links to this user only.
 */
export async function linkGitHubAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return ENDED;
  const parsed = linkSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, error: "Something is off with this form. Reload the page." };
  try {
    if (user.hasPassword) {
      await confirmPassword(
        { user, ip: clientIp(await headers()) },
        { password: parsed.data.currentPassword ?? "", field: "currentPassword" },
      );
    }
  } catch (e) {
    return failure(e);
  }
  (await cookies()).set(LINK_INTENT_COOKIE, createLinkIntent(user.publicId, user.sessionVersion), {
    httpOnly: true,
    sameSite: "lax",
    secure: (await headers()).get("x-forwarded-proto") === "https",
    path: "/api/auth",
    maxAge: LINK_INTENT_TTL_SECONDS,
  });
  await signIn("github", { redirectTo: `/${parsed.data.org}/settings?notice=github-linked` });
  return { ok: true };
}
