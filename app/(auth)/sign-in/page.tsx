import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { isGitHubSignInEnabled } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/org-context";
import { SignInForm } from "../_components/sign-in-form";
import { signInWithGitHubAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

const OAUTH_ERRORS: Record<string, string> = {
  NoEmail: "Your GitHub account has no public email address; add one or sign in with a password.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in method.",
  LinkFromSettings:
    "An account with this email already has a password. Sign in with it below, then link GitHub under Settings → Your account.",
  UnverifiedEmail: "GitHub has not verified this email address. Verify it on GitHub, then try again.",
  GitHubLinkedElsewhere: "This GitHub account is already linked to another YourAgent account.",
  AccessDenied: "Sign-in was cancelled or refused.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; notice?: string; email?: string }>;
}) {
  if (await getCurrentUser()) redirect("/");
  const { callbackUrl, error, notice, email } = await searchParams;
  const oauthError = error ? (OAUTH_ERRORS[error] ?? "Sign-in failed. Try again.") : undefined;
  return (
    <Card>
      <CardBody className="space-y-6 py-8 sm:px-8">
        <div>
          <h1 className="text-xl font-bold text-slate-900">Sign in to your account</h1>
          <p className="mt-1 text-sm text-slate-600">Manage your agents, keys and activity.</p>
        </div>
        {oauthError ? (
          <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
            {oauthError}
          </p>
        ) : null}
        {notice === "signed-up" ? (
          <p role="status" className="rounded-md bg-brand-50 px-4 py-3 text-sm text-slate-800">
            Next, sign in. If this email was new to YourAgent, your account and organization are ready. If it
            already had an account, sign in with that account&apos;s password (or with GitHub, if that is how
            you joined).
          </p>
        ) : notice === "signed-out-everywhere" ? (
          <p role="status" className="rounded-md bg-brand-50 px-4 py-3 text-sm text-slate-800">
            You are signed out on every device.
          </p>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} defaultEmail={email?.slice(0, 320)} />
        {isGitHubSignInEnabled() ? (
          <form action={signInWithGitHubAction} className="border-t border-slate-200 pt-5">
            <button
              type="submit"
              className="w-full rounded-md bg-slate-900 px-3.5 py-2 text-sm font-semibold text-white hover:bg-slate-800"
            >
              Continue with GitHub
            </button>
          </form>
        ) : null}
      </CardBody>
    </Card>
  );
}
