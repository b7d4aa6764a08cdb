"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl?: string; defaultEmail?: string }) {
  const [state, action] = useActionState(signInAction, initialActionState);
  const emailError = fieldError(state, "email");
  const passwordError = fieldError(state, "password");
  return (
    <form action={action} className="space-y-5" noValidate>
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <InputField
        id="email"
        label="Email"
        error={emailError}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={submittedValue(state, "email", defaultEmail)}
        key={`email-${submittedValue(state, "email")}`}
      />
      <InputField
        id="password"
        label="Password"
        error={passwordError}
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton className="w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New to YourAgent?{" "}
        <Link href="/sign-up" className="font-semibold text-brand-600 hover:text-brand-700">
          Create an account
        </Link>
      </p>
    </form>
  );
}
