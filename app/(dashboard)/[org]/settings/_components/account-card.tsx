import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { isGitHubSignInEnabled } from "@/lib/auth";
import type { CurrentUser } from "@/lib/auth/org-context";
import { hasLinkedAccount } from "@/lib/auth/users";
import { signOutEverywhereAction } from "../../../account-actions";
import { ChangePasswordForm, LinkGitHubForm } from "./account-forms";

const NOTICES: Record<string, string> = {
  "password-changed": "Your password is changed. Every other session has ended.",
  "github-linked": "GitHub is linked: “Continue with GitHub” now signs in to this account.",
};

/** The signed-in user's own account: password, GitHub link, sessions. */
export async function AccountCard({
  user,
  org,
  notice,
}: {
  user: CurrentUser;
  org: string;
  notice?: string;
}) {
  const github = isGitHubSignInEnabled() ? await hasLinkedAccount(user.id, "github") : undefined;
  return (
    <Card className="lg:col-span-2">
      <CardHeader title="Your account" description={user.email} />
      <CardBody className="grid gap-8 md:grid-cols-2">
        {notice && NOTICES[notice] ? (
          <Alert tone="success" className="md:col-span-2">
            {NOTICES[notice]}
          </Alert>
        ) : null}
        <section aria-labelledby="password-heading" className="space-y-3">
          <h3 id="password-heading" className="text-sm font-semibold text-slate-900">
            Password
          </h3>
          {user.hasPassword ? (
            <ChangePasswordForm org={org} />
          ) : (
            <p className="text-sm text-slate-600">You sign in with GitHub; this account has no password.</p>
          )}
        </section>
        <div className="space-y-8">
          <section aria-labelledby="sessions-heading" className="space-y-3">
            <h3 id="sessions-heading" className="text-sm font-semibold text-slate-900">
              Sign out everywhere
            </h3>
            <p className="text-sm text-slate-600">
              Signed in on a device you no longer use? End every session, this one included.
            </p>
            <form action={signOutEverywhereAction}>
              <SubmitButton variant="danger" pendingText="Signing out…">
                End all sessions
              </SubmitButton>
            </form>
          </section>
          {github !== undefined ? (
            <section aria-labelledby="github-heading" className="space-y-3">
              <h3 id="github-heading" className="text-sm font-semibold text-slate-900">
                GitHub
              </h3>
              {github ? (
                <p className="text-sm text-slate-600">Linked: “Continue with GitHub” signs in here.</p>
              ) : (
                <LinkGitHubForm org={org} needsPassword={user.hasPassword} />
              )}
            </section>
          ) : null}
        </div>
      </CardBody>
    </Card>
  );
}
