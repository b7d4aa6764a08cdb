"use client";

import { useActionState } from "react";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { InputField, SelectField } from "@/components/ui/field";
import { SecretShownOnce } from "@/components/ui/secret-shown-once";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { CreateFormFrame } from "../../../_components/create-form-frame";
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
  {
    id: "scope-knowledge-read",
    value: "knowledge:read",
    description: "List knowledge sources and search a pack's passages.",
  },
  {
    id: "scope-knowledge-write",
    value: "knowledge:write",
    description: "Add, re-sync and delete knowledge sources; change and delete packs.",
  },
] as const;

const EXPIRY_CHOICES = [
  { value: "never", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 1 year" },
];

export function CreateKeyForm({ org }: { org: string }) {
  const [state, action] = useActionState(createApiKeyAction, initialActionState);
  const created = state.ok ? (state.data as Created | undefined) : undefined;
  const nameError = fieldError(state, "name");
  const scopesError = fieldError(state, "scopes");
  const scopesValue = submittedValue(state, "scopes", "agents:read");
  return (
    <CreateFormFrame
      org={org}
      state={state}
      action={action}
      submitLabel="Create API key"
      pendingText="Creating…"
      created={
        created ? (
          <SecretShownOnce
            testId="new-key"
            title={`Key “${created.name}” created. Copy it now: it will not be shown again.`}
          >
            <div className="flex flex-wrap items-center gap-2">
              <code
                data-testid="new-key-secret"
                className="min-w-0 flex-1 break-all rounded bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-green-200"
              >
                {created.key}
              </code>
              <CopyButton text={created.key} label="Copy key" />
            </div>
          </SecretShownOnce>
        ) : null
      }
    >
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
      <SelectField
        id="key-expiry"
        name="expiry"
        label="Expires"
        defaultValue={submittedValue(state, "expiry", "never")}
        options={EXPIRY_CHOICES}
      />
      <CheckboxGroup
        legend="Scopes"
        name="scopes"
        choices={SCOPE_CHOICES}
        isChecked={(scope) => scopesValue.includes(scope)}
        error={scopesError}
      />
    </CreateFormFrame>
  );
}
