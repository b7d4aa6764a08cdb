"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, InputField, TextareaField } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { type ActionState, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { updateAgentAction } from "../actions";

export type EditableAgent = {
  id: string;
  name: string;
  description: string | null;
  industry: string | null;
  personaKey: string;
  knowledgePackId: string | null;
  systemPrompt: string;
  status: "active" | "disabled";
  allowedOrigins: string[];
  theme: string;
  position: string;
  welcomeMessage: string | null;
};

type Option = { value: string; label: string };

/** First error whose path is `name` or below it (allowed_origins.2 → allowed_origins). */
function errorFor(state: ActionState, name: string): string | undefined {
  if (state.ok || !state.fieldErrors) return undefined;
  const hit = Object.entries(state.fieldErrors).find(([k]) => k === name || k.startsWith(`${name}.`));
  return hit?.[1];
}

export function EditAgentForm({
  org,
  agent,
  personas,
  packs,
  themes,
  positions,
}: {
  org: string;
  agent: EditableAgent;
  personas: Option[];
  packs: Option[];
  themes: readonly string[];
  positions: readonly string[];
}) {
  const [state, action] = useActionState(updateAgentAction, initialActionState);
  const v = (name: string, fallback: string) => submittedValue(state, name, fallback);
  const text = (id: string, name: string, label: string, value: string, hint?: string, max?: number) => (
    <InputField
      id={id}
      name={name}
      label={label}
      hint={hint}
      error={errorFor(state, name)}
      defaultValue={v(name, value)}
      maxLength={max}
    />
  );
  const select = (id: string, name: string, label: string, value: string, options: Option[]) => (
    <Field id={id} label={label} error={errorFor(state, name)}>
      <Select id={id} name={name} defaultValue={v(name, value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
  const plain = (values: readonly string[]): Option[] => values.map((x) => ({ value: x, label: x }));
  return (
    <Card>
      <CardHeader title="Edit agent" description="Changing the system prompt creates a new prompt version." />
      <CardBody>
        <form action={action} className="space-y-5" aria-label="Edit agent">
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="agent" value={agent.id} />
          {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
          {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {text("edit-name", "name", "Name", agent.name, undefined, 100)}
            {text("edit-industry", "industry", "Industry", agent.industry ?? "", undefined, 100)}
            {select("edit-persona", "persona", "Persona", agent.personaKey, personas)}
            {select("edit-pack", "knowledge_pack_id", "Knowledge pack", agent.knowledgePackId ?? "", [
              { value: "", label: "None" },
              ...packs,
            ])}
          </div>
          <Field id="edit-description" label="Description" error={errorFor(state, "description")}>
            <Textarea
              id="edit-description"
              name="description"
              rows={2}
              maxLength={500}
              defaultValue={v("description", agent.description ?? "")}
            />
          </Field>
          <TextareaField
            id="edit-prompt"
            name="system_prompt"
            label="System prompt"
            hint="Up to 20,000 characters."
            error={errorFor(state, "system_prompt")}
            rows={8}
            defaultValue={v("system_prompt", agent.systemPrompt)}
          />
          <Checkbox
            id="edit-auto-optimize"
            name="auto_optimize"
            defaultChecked
            label="Optimize a changed prompt"
            description="When the prompt changes, ask Gemini for an improved version in the background."
          />
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            {select("edit-status", "status", "Status", agent.status, [
              { value: "active", label: "Active" },
              { value: "disabled", label: "Disabled" },
            ])}
            {select("edit-theme", "widget_config.theme", "Widget theme", agent.theme, plain(themes))}
            {select(
              "edit-position",
              "widget_config.position",
              "Widget position",
              agent.position,
              plain(positions),
            )}
          </div>
          {text(
            "edit-welcome",
            "widget_config.welcome_message",
            "Welcome message",
            agent.welcomeMessage ?? "",
            "Shown when a visitor opens the chat.",
            500,
          )}
          <TextareaField
            id="edit-origins"
            name="allowed_origins"
            label="Allowed origins"
            hint="One per line, like https://shop.example.com. Empty: only this app can frame the widget."
            error={errorFor(state, "allowed_origins")}
            rows={3}
            defaultValue={v("allowed_origins", agent.allowedOrigins.join("\n"))}
          />
          <div className="flex justify-end">
            <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
