"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import type { ActionState } from "@/lib/auth/action-state";
import { appErrorFormState, formDataToObject, invalidFormState } from "@/lib/auth/form-data";
import { withSignInOutcome } from "@/lib/auth/sign-in-outcome";
import { signUpWithoutDisclosure } from "@/lib/auth/sign-up";
import { isAppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { MESSAGES } from "@/lib/messages";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";

/** Only same-site relative paths: an open redirect after sign-in would be a phishing aid. */
function safeRedirect(target: string | undefined): string {
  return target && /^\/(?!\/)[^\\\s]*$/.test(target) ? target : "/";
}

function waitMessage(seconds: number): string {
  const wait = seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${Math.max(1, seconds)} seconds`;
  return `Too many failed sign-ins from your network. Try again in ${wait}; a correct password from another network works now.`;
}

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const raw = formDataToObject(formData);
  const values = { email: typeof raw.email === "string" ? raw.email : "" };
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return invalidFormState("Enter your email and password.", parsed.error, values);
  let retryAfter = 0;
  try {
    await withSignInOutcome(async (outcome) => {
      try {
        await signIn("credentials", {
          email: parsed.data.email,
          password: parsed.data.password,
          redirectTo: safeRedirect(parsed.data.callbackUrl),
        });
      } finally {
        retryAfter = outcome.retryAfterSeconds ?? 0;
      }
    });
  } catch (e) {
    // signIn() redirects by throwing; only Auth.js errors are expected failures.
    if (e instanceof AuthError) {
      if (e.type === "CredentialsSignin" && (e as { code?: string }).code === "rate_limited") {
        return { ok: false, error: waitMessage(retryAfter), values };
      }
      return e.type === "CredentialsSignin"
        ? { ok: false, error: "Wrong email or password. Check both and try again.", values }
        : { ok: false, error: "Sign-in is unavailable right now. Try again in a moment.", values };
    }
    throw e;
  }
  return { ok: true };
}

export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const raw = formDataToObject(formData);
  const values = {
    name: String(raw.name ?? ""),
    email: String(raw.email ?? ""),
    organizationName: String(raw.organizationName ?? ""),
  };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return invalidFormState(MESSAGES.fixHighlightedFields, parsed.error, values);
  try {
    await signUpWithoutDisclosure({ ip: clientIp(await headers()) }, parsed.data);
  } catch (e) {
    if (isAppError(e)) return appErrorFormState(e, values);
    throw e;
  }
  // The same next step whether the email was free or taken: nothing here says which.
  redirect(`/sign-in?notice=signed-up&email=${encodeURIComponent(parsed.data.email)}`);
}

export async function signInWithGitHubAction(): Promise<void> {
  await signIn("github", { redirectTo: "/" });
}
