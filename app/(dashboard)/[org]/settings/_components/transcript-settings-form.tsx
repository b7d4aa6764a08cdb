"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { InputField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { updateTranscriptSettingsAction } from "../actions";

type Props = {
  org: string;
  retentionDays: number | null;
  planDefaultDays: number;
  storeTranscripts: boolean;
};

/** The owner's form for transcript retention and storage (the server action re-checks the role). */
export function TranscriptSettingsForm({ org, retentionDays, planDefaultDays, storeTranscripts }: Props) {
  const [state, action] = useActionState(updateTranscriptSettingsAction, initialActionState);
  const error = fieldError(state, "retentionDays");
  const failed = !state.ok;
  const stored = failed ? state.values?.storeTranscripts === "on" : storeTranscripts;
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Transcript settings">
      {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      {failed ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="org" value={org} />
      <InputField
        id="retentionDays"
        name="retentionDays"
        label="Keep transcripts for (days)"
        hint={`1 to 3,650 days. Leave empty for your plan's default of ${planDefaultDays} days.`}
        error={error}
        inputMode="numeric"
        placeholder={String(planDefaultDays)}
        defaultValue={submittedValue(
          state,
          "retentionDays",
          retentionDays === null ? "" : String(retentionDays),
        )}
        key={`days-${state.ok ? (state.message ?? "") : "failed"}-${retentionDays}`}
      />
      <Checkbox
        id="storeTranscripts"
        name="storeTranscripts"
        label="Store transcripts"
        description="When off, a conversation's turns are kept only while it is active (at most an hour), for the model's context."
        defaultChecked={stored}
        key={`store-${stored}`}
      />
      <SubmitButton pendingText="Saving…">Save transcript settings</SubmitButton>
    </form>
  );
}
