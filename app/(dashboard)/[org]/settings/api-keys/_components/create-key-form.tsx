"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, InputField } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { createApiKeyAction } from "../actions";
import { CopyButton } from "./copy-button";

type Created = { key: string; name: string; prefix: string };

// Each scope a key can be granted, with what it allows in words an admin can choose by.
const SCOPE_CHOICES = [
  {
    id: "scope-read",
    value: "agents:read",
    description: "List and read agents, personas and knowledge packs.",
  },
  {
    id: "scope-write",
    value: "agents:write",
    description: "Create, change and delete agents and knowledge packs.",
  },
  {
    id: "scope-conversations-read",
    value: "conversations:read",
    description: "List, search, read and export conversations.",
  },
  {
    id: "scope-conversations-write",
    value: "conversations:write",
    description: "Erase conversations (by conversation, user or visitor).",
  },
] as const;

export function CreateKeyForm({ org }: { org: string }) {
  const [state, action] = useActionState(createApiKeyAction, initialActionState);
  const created = state.ok ? (state.data as Created | undefined) : undefined;
  const nameError = fieldError(state, "name");
  const scopesError = fieldError(state, "scopes");
  const scopesValue = submittedValue(state, "scopes", "agents:read");
  return (
    <div className="space-y-5">
      {created ? (
        <div
          role="status"
          className="space-y-3 rounded-md bg-green-50 p-4 ring-1 ring-green-200"
          data-testid="new-key"
        >
          <p className="text-sm font-semibold text-green-900">
            Key “{created.name}” created. Copy it now: it will not be shown again.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              data-testid="new-key-secret"
              className="min-w-0 flex-1 break-all rounded bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-green-200"
            >
              {created.key}
            </code>
            <CopyButton text={created.key} label="Copy key" />
          </div>
        </div>
      ) : null}
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
        <input type="hidden" name="org" value={org} />
        <InputField
          id="key-name"
          name="name"
          label="Name"
          hint="Where the key is used, e.g. “CI” or “CRM sync”."
          error={nameError}
          maxLength={100}
          required
          defaultValue={submittedValue(state, "name")}
          key={`name-${submittedValue(state, "name")}-${created?.prefix ?? ""}`}
        />
        <Field id="key-expiry" label="Expires">
          <Select id="key-expiry" name="expiry" defaultValue={submittedValue(state, "expiry", "never")}>
            <option value="never">Never</option>
            <option value="7">In 7 days</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In 1 year</option>
          </Select>
        </Field>
        <fieldset
          className="space-y-2 sm:col-span-2"
          aria-describedby={scopesError ? "scopes-error" : undefined}
        >
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          {SCOPE_CHOICES.map((scope) => (
            <Checkbox
              key={scope.value}
              id={scope.id}
              name="scopes"
              value={scope.value}
              defaultChecked={scopesValue.includes(scope.value)}
              label={scope.value}
              description={scope.description}
            />
          ))}
          <FieldError id="scopes-error" message={scopesError} />
        </fieldset>
        <div className="sm:col-span-2">
          <SubmitButton pendingText="Creating…">Create API key</SubmitButton>
        </div>
      </form>
    </div>
  );
}
