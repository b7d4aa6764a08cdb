"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { PASSWORD_MIN } from "@/lib/validations/password-rules";
import { signUpAction } from "../actions";

const FIELDS = [
  { name: "name", label: "Your name", type: "text", autoComplete: "name" },
  { name: "email", label: "Work email", type: "email", autoComplete: "email" },
  {
    name: "password",
    label: "Password",
    type: "password",
    autoComplete: "new-password",
    hint: `At least ${PASSWORD_MIN} characters and hard to guess: a few unrelated words work well.`,
  },
  {
    name: "organizationName",
    label: "Organization name",
    type: "text",
    autoComplete: "organization",
    hint: "Your team or company. You can invite others later.",
  },
] as const;

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, initialActionState);
  return (
    <form action={action} className="space-y-5" noValidate>
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {FIELDS.map((f) => {
        const error = fieldError(state, f.name);
        const value = f.type === "password" ? "" : submittedValue(state, f.name);
        return (
          <Field
            key={f.name}
            id={f.name}
            label={f.label}
            hint={"hint" in f ? f.hint : undefined}
            error={error}
          >
            <Input
              id={f.name}
              name={f.name}
              type={f.type}
              autoComplete={f.autoComplete}
              required
              minLength={f.type === "password" ? PASSWORD_MIN : undefined}
              defaultValue={value}
              key={`${f.name}-${value}`}
              {...describedBy(f.name, error)}
            />
          </Field>
        );
      })}
      <SubmitButton className="w-full" pendingText="Creating your account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-semibold text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </form>
  );
}
