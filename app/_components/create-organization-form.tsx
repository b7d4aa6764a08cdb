"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { createOrganizationAction } from "../actions";

export function CreateOrganizationForm() {
  const [state, action] = useActionState(createOrganizationAction, initialActionState);
  const error = fieldError(state, "name");
  return (
    <form action={action} className="mt-6 space-y-4">
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <Field id="name" label="Organization name" error={error}>
        <Input
          id="name"
          name="name"
          required
          defaultValue={submittedValue(state, "name")}
          {...describedBy("name", error)}
        />
      </Field>
      <SubmitButton pendingText="Creating…">Create organization</SubmitButton>
    </form>
  );
}
