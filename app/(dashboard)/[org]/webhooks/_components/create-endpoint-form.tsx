"use client";

import { useActionState } from "react";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field, InputField } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SecretShownOnce } from "@/components/ui/secret-shown-once";
import { fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { WEBHOOK_EVENT_DESCRIPTIONS } from "@/lib/webhooks/event-types";
import { CreateFormFrame } from "../../_components/create-form-frame";
import { createWebhookEndpointAction } from "../actions";

// Every subscribable event, from the one list the API validates against.
const EVENT_CHOICES = Object.entries(WEBHOOK_EVENT_DESCRIPTIONS).map(([value, description]) => ({
  id: `event-${value}`,
  value,
  description,
}));

type Created = { secret: string; url: string };

export function CreateEndpointForm({ org }: { org: string }) {
  const [state, action] = useActionState(createWebhookEndpointAction, initialActionState);
  const created = state.ok ? (state.data as Created | undefined) : undefined;
  const urlError = fieldError(state, "url");
  const eventsError = fieldError(state, "events");
  const chosen = submittedValue(state, "events", "agent.optimization.succeeded,agent.optimization.failed");
  return (
    <CreateFormFrame
      org={org}
      state={state}
      action={action}
      submitLabel="Add endpoint"
      pendingText="Adding…"
      created={
        created ? (
          <SecretShownOnce
            testId="new-webhook"
            title="Endpoint added. Copy its signing secret now: it will not be shown again."
          >
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
          </SecretShownOnce>
        ) : null
      }
    >
      <InputField
        id="webhook-url"
        name="url"
        label="Endpoint URL"
        hint="We POST signed JSON to this URL."
        error={urlError}
        type="url"
        required
        placeholder="https://example.com/hooks/youragent"
        defaultValue={submittedValue(state, "url")}
        key={`url-${created?.secret ?? ""}`}
      />
      <Field id="webhook-description" label="Description (optional)">
        <Input
          id="webhook-description"
          name="description"
          maxLength={200}
          defaultValue={submittedValue(state, "description")}
        />
      </Field>
      <CheckboxGroup
        legend="Events"
        name="events"
        choices={EVENT_CHOICES}
        isChecked={(event) => chosen.split(",").includes(event)}
        error={eventsError}
      />
    </CreateFormFrame>
  );
}
