"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, initialActionState } from "@/lib/auth/action-state";
import { PASSWORD_MIN } from "@/lib/validations/password-rules";
import { changePasswordAction, linkGitHubAction } from "../../../account-actions";

export function ChangePasswordForm({ org }: { org: string }) {
  const [state, action] = useActionState(changePasswordAction, initialActionState);
  const current = fieldError(state, "currentPassword");
  const next = fieldError(state, "newPassword");
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Change password">
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="org" value={org} />
      <Field id="currentPassword" label="Current password" error={current}>
        <Input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          {...describedBy("currentPassword", current)}
        />
      </Field>
      <Field
        id="newPassword"
        label="New password"
        hint={`At least ${PASSWORD_MIN} characters and hard to guess. Every other session ends.`}
        error={next}
      >
        <Input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          {...describedBy("newPassword", next)}
        />
      </Field>
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}

export function LinkGitHubForm({ org, needsPassword }: { org: string; needsPassword: boolean }) {
  const [state, action] = useActionState(linkGitHubAction, initialActionState);
  const error = fieldError(state, "currentPassword");
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Link GitHub">
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="org" value={org} />
      {needsPassword ? (
        <Field
          id="linkPassword"
          label="Current password"
          hint="Confirms it is you before GitHub can sign in to this account."
          error={error}
        >
          <Input
            id="linkPassword"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            {...describedBy("linkPassword", error)}
          />
        </Field>
      ) : null}
      <SubmitButton variant="secondary" pendingText="Opening GitHub…">
        Link GitHub
      </SubmitButton>
    </form>
  );
}
