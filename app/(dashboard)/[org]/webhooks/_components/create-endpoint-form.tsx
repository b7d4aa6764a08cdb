"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { createWebhookEndpointAction } from "../actions";

const EVENTS = [
  ["agent.created", "An agent was created."],
  ["agent.deleted", "An agent was deleted."],
  ["agent.optimization.succeeded", "A prompt optimization finished."],
  ["agent.optimization.failed", "A prompt optimization failed."],
] as const;

type Created = { secret: string; url: string };

export function CreateEndpointForm({ org }: { org: string }) {
  const [state, action] = useActionState(createWebhookEndpointAction, initialActionState);
  const created = state.ok ? (state.data as Created | undefined) : undefined;
  const urlError = fieldError(state, "url");
  const eventsError = fieldError(state, "events");
  const chosen = submittedValue(state, "events", "agent.optimization.succeeded,agent.optimization.failed");
  return (
    <div className="space-y-5">
      {created ? (
        <div
          role="status"
          data-testid="new-webhook"
          className="space-y-2 rounded-md bg-green-50 p-4 ring-1 ring-green-200"
        >
          <p className="text-sm font-semibold text-green-900">
            Endpoint added. Copy its signing secret now: it will not be shown again.
          </p>
          <code
            data-testid="new-webhook-secret"
            className="block break-all rounded bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-green-200"
          >
            {created.secret}
          </code>
          <p className="text-xs text-green-900">
            Verify each request with any Standard Webhooks library (headers webhook-id, webhook-timestamp,
            webhook-signature).
          </p>
        </div>
      ) : null}
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
        <input type="hidden" name="org" value={org} />
        <Field id="webhook-url" label="Endpoint URL" hint="We POST signed JSON to this URL." error={urlError}>
          <Input
            id="webhook-url"
            name="url"
            type="url"
            required
            placeholder="https://example.com/hooks/youragent"
            defaultValue={submittedValue(state, "url")}
            key={`url-${created?.secret ?? ""}`}
            {...describedBy("webhook-url", urlError)}
          />
        </Field>
        <Field id="webhook-description" label="Description (optional)">
          <Input
            id="webhook-description"
            name="description"
            maxLength={200}
            defaultValue={submittedValue(state, "description")}
          />
        </Field>
        <fieldset
          className="space-y-2 sm:col-span-2"
          aria-describedby={eventsError ? "events-error" : undefined}
        >
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          {EVENTS.map(([value, description]) => (
            <Checkbox
              key={value}
              id={`event-${value}`}
              name="events"
              value={value}
              defaultChecked={chosen.split(",").includes(value)}
              label={value}
              description={description}
            />
          ))}
          <FieldError id="events-error" message={eventsError} />
        </fieldset>
        <div className="sm:col-span-2">
          <SubmitButton pendingText="Adding…">Add endpoint</SubmitButton>
        </div>
      </form>
    </div>
  );
}
