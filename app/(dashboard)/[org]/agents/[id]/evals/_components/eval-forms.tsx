"use client";

import { Play, Upload } from "lucide-react";
import { type ReactNode, useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { TextareaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type ActionState, initialActionState } from "@/lib/auth/action-state";
import { importEvalCsvAction, startEvalRunAction } from "../actions";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** A form for one of the agent's evaluation actions, with its result below it. */
function AgentEvalForm({
  action,
  org,
  agentId,
  children,
}: {
  action: Action;
  org: string;
  agentId: string;
  children: ReactNode;
}) {
  const [state, run] = useActionState(action, initialActionState);
  return (
    <form action={run} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="agent" value={agentId} />
      {children}
      {state === initialActionState ? null : (
        <Alert tone={state.ok ? "success" : "error"} className="whitespace-pre-line">
          {state.ok ? state.message : state.error}
        </Alert>
      )}
    </form>
  );
}

/** Paste CSV (input, expectations, must_not; several separated by " | "). */
export function CsvImportForm({ org, agentId }: { org: string; agentId: string }) {
  return (
    <AgentEvalForm action={importEvalCsvAction} org={org} agentId={agentId}>
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
    </AgentEvalForm>
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
  return (
    <AgentEvalForm action={startEvalRunAction} org={org} agentId={agentId}>
      <p className="text-sm text-slate-600">
        This run makes {expectedCalls} Gemini calls (an answer and a judgement per case).
      </p>
      <SubmitButton>
        <Play aria-hidden className="size-4" />
        Run evaluation
      </SubmitButton>
    </AgentEvalForm>
  );
}
