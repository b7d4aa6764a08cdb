"use client";

import { Play, Upload } from "lucide-react";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { TextareaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/auth/action-state";
import { importEvalCsvAction, startEvalRunAction } from "../actions";

function Result({ state }: { state: typeof initialActionState }) {
  if (state === initialActionState) return null;
  return (
    <Alert tone={state.ok ? "success" : "error"} className="whitespace-pre-line">
      {state.ok ? state.message : state.error}
    </Alert>
  );
}

/** Paste CSV (input, expectations, must_not; several separated by " | "). */
export function CsvImportForm({ org, agentId }: { org: string; agentId: string }) {
  const [state, action] = useActionState(importEvalCsvAction, initialActionState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="agent" value={agentId} />
      <TextareaField
        id="eval-csv"
        name="csv"
        label="Cases as CSV"
        hint='Header: input,expectations,must_not. Several expectations in one field: separate with " | ".'
        rows={6}
        defaultValue={"input,expectations,must_not\n"}
      />
      <Checkbox id="eval-csv-replace" name="replace" label="Replace the existing cases" />
      <SubmitButton>
        <Upload aria-hidden className="size-4" />
        Import cases
      </SubmitButton>
      <Result state={state} />
    </form>
  );
}

export function RunEvalForm({
  org,
  agentId,
  expectedCalls,
}: {
  org: string;
  agentId: string;
  expectedCalls: number;
}) {
  const [state, action] = useActionState(startEvalRunAction, initialActionState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="agent" value={agentId} />
      <p className="text-sm text-slate-600">
        This run makes {expectedCalls} Gemini calls (an answer and a judgement per case).
      </p>
      <SubmitButton>
        <Play aria-hidden className="size-4" />
        Run evaluation
      </SubmitButton>
      <Result state={state} />
    </form>
  );
}
