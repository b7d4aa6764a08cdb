"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { updateAllowedOriginsAction } from "../actions";

export function AllowedOriginsForm({
  org,
  agentId,
  origins,
}: {
  org: string;
  agentId: string;
  origins: string[];
}) {
  const [state, action] = useActionState(updateAllowedOriginsAction, initialActionState);
  const [text, setText] = useState(() => submittedValue(state, "origins", origins.join("\n")));
  const error = fieldError(state, "origins");
  const empty = text.trim() === "";
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="agentId" value={agentId} />
      <label htmlFor="origins" className="block text-sm font-medium text-slate-900">
        Allowed origins{" "}
        <span className="font-normal text-slate-500">(one per line, e.g. https://shop.example.com)</span>
      </label>
      <Textarea
        id="origins"
        name="origins"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "origins-error" : "origins-help"}
        className="font-mono text-sm"
      />
      <FieldError id="origins-error" message={error} />
      {empty ? (
        <Alert tone="warning">
          No allowed origins: only YourAgent itself may frame the widget. Add your website's origin so the
          chat opens there.
        </Alert>
      ) : (
        <p id="origins-help" className="text-sm text-slate-600">
          Browsers refuse to show the chat on any other site (Content-Security-Policy frame-ancestors).
        </p>
      )}
      {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      {!state.ok && !error ? <Alert tone="error">{state.error}</Alert> : null}
      <SubmitButton pendingText="Saving…">Save origins</SubmitButton>
    </form>
  );
}
