"use client";

import { useActionState } from "react";
import { awaitingHydration, useHydrated } from "@/components/hydration";
import { PromptVariables } from "@/components/prompt-variables";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { InputField, SelectField, TextareaField } from "@/components/ui/field";
import { plainOptions, type SelectOption } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { type ActionState, initialActionState, submittedValue } from "@/lib/auth/action-state";
import { type ModelChoice, ModelSelect } from "../../_components/model-select";
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
  identityVerification: "off" | "optional" | "required";
  allowedOrigins: string[];
  theme: string;
  position: string;
  welcomeMessage: string | null;
  /** The stored model when the plan allows it, else "" (the default). */
  model: string;
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
  models,
}: {
  org: string;
  agent: EditableAgent;
  personas: Option[];
  packs: Option[];
  themes: readonly string[];
  positions: readonly string[];
  models: ModelChoice;
}) {
  const [state, action] = useActionState(updateAgentAction, initialActionState);
  // The fields stay disabled until React has taken over the server HTML: what was typed before
  // that could be merged with the server's text or lost. `data-hydrated` tells tests the same.
  const hydrated = useHydrated();
  // Every control here is named by its API field: its error and its value after a failed save
  // are looked up by that name.
  const bound = (id: string, name: string, value: string) => ({
    id,
    name,
    error: errorFor(state, name),
    defaultValue: submittedValue(state, name, value),
  });
  const text = (id: string, name: string, label: string, value: string, hint?: string, max?: number) => (
    <InputField {...bound(id, name, value)} label={label} hint={hint} maxLength={max} />
  );
  const select = (
    id: string,
    name: string,
    label: string,
    value: string,
    options: readonly SelectOption[],
  ) => <SelectField {...bound(id, name, value)} label={label} options={options} />;
  return (
    <Card>
      <CardHeader title="Edit agent" description="Changing the system prompt creates a new prompt version." />
      <CardBody>
        <form
          action={action}
          className="space-y-5"
          aria-label="Edit agent"
          data-hydrated={hydrated || undefined}
        >
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="agent" value={agent.id} />
          <fieldset disabled={!hydrated} {...awaitingHydration(hydrated)} className="min-w-0 space-y-5">
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
              <ModelSelect
                id="edit-model"
                name="config.model"
                choice={models}
                value={submittedValue(state, "config.model", agent.model)}
                error={errorFor(state, "config")}
              />
            </div>
            <TextareaField
              {...bound("edit-description", "description", agent.description ?? "")}
              label="Description"
              rows={2}
              maxLength={500}
            />
            <TextareaField
              {...bound("edit-prompt", "system_prompt", agent.systemPrompt)}
              label="System prompt"
              hint="Up to 20,000 characters."
              rows={8}
            />
            <PromptVariables />
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
              {select("edit-theme", "widget_config.theme", "Widget theme", agent.theme, plainOptions(themes))}
              {select(
                "edit-position",
                "widget_config.position",
                "Widget position",
                agent.position,
                plainOptions(positions),
              )}
              {select(
                "edit-identity",
                "identity_verification",
                "Visitor identity",
                agent.identityVerification,
                [
                  { value: "off", label: "Off: anonymous visitors" },
                  { value: "optional", label: "Optional: verified when signed in" },
                  { value: "required", label: "Required: signed-in users only" },
                ],
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
              {...bound("edit-origins", "allowed_origins", agent.allowedOrigins.join("\n"))}
              label="Allowed origins"
              hint="One per line, like https://shop.example.com. Empty: only this app can frame the widget."
              rows={3}
            />
            <div className="flex justify-end">
              <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
            </div>
          </fieldset>
        </form>
      </CardBody>
    </Card>
  );
}
