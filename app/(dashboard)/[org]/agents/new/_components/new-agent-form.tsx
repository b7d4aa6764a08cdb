"use client";

import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, Field, InputField, TextareaField } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { initialActionState } from "@/lib/auth/action-state";
import { createAgentAction } from "../actions";
import { type PersonaOption, PersonaPicker } from "./persona-picker";
import { DEFAULT_WIDGET, formFieldForPath, type WidgetDraft } from "./widget-draft";
import { WidgetPreview } from "./widget-preview";
import { WidgetSettings } from "./widget-settings";

export function NewAgentForm({
  org,
  idempotencyKey,
  personas,
  knowledgePacks,
  geminiConfigured,
}: {
  org: string;
  idempotencyKey: string;
  personas: PersonaOption[];
  knowledgePacks: { id: string; name: string }[];
  geminiConfigured: boolean;
}) {
  const [state, formAction, pending] = useActionState(createAgentAction, initialActionState);
  const first = personas.find((p) => p.key === "assistant") ?? personas[0]!;
  const [name, setName] = useState("");
  const [persona, setPersona] = useState(first.key);
  const [prompt, setPrompt] = useState(first.prompt);
  const [widget, setWidget] = useState<WidgetDraft>(DEFAULT_WIDGET);
  const [autoOptimize, setAutoOptimize] = useState(geminiConfigured);

  const errors: Record<string, string | undefined> = {};
  if (!state.ok) {
    for (const [path, message] of Object.entries(state.fieldErrors ?? {})) {
      errors[formFieldForPath(path)] ??= message;
    }
  }
  const template = personas.find((p) => p.key === persona);
  const promptIsTemplate = personas.some((p) => p.prompt === prompt) || prompt.trim() === "";

  function choosePersona(key: string) {
    setPersona(key);
    // Fill the prompt from the new persona unless the admin has written their own.
    if (promptIsTemplate) setPrompt(personas.find((p) => p.key === key)?.prompt ?? "");
  }

  // Submitting through a transition (not the form's action prop) keeps every typed value after
  // a failed submit; a second click reuses the same idempotency key, so it is the same create.
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" data-testid="new-agent-form">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="idempotency_key" value={idempotencyKey} />
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}

      <Card>
        <CardHeader title="Basics" />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <InputField
            id="name"
            name="name"
            label="Name"
            hint="Shown in the chat header. Unique in your organization."
            error={errors.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            required
          />
          <InputField
            id="industry"
            name="industry"
            label="Industry"
            hint="Optional, e.g. ecommerce."
            error={errors.industry}
            maxLength={200}
          />
          <div className="sm:col-span-2">
            <TextareaField
              id="description"
              name="description"
              label="Description"
              hint="Optional, for your team. Up to 500 characters."
              error={errors.description}
              rows={2}
              className="min-h-0"
            />
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Persona and prompt" />
        <CardBody className="space-y-4">
          <PersonaPicker personas={personas} value={persona} onChange={choosePersona} />
          {errors.persona ? <p className="text-sm text-red-600">{errors.persona}</p> : null}
          <TextareaField
            id="system_prompt"
            name="system_prompt"
            label="System prompt"
            hint="Edit freely; leave it empty to use the persona's template. Up to 20,000 characters."
            error={errors.system_prompt}
            rows={7}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
          />
          {!promptIsTemplate && template ? (
            <Button variant="ghost" size="sm" onClick={() => setPrompt(template.prompt)}>
              Replace with the {template.name} template
            </Button>
          ) : null}
          <Field
            id="knowledge_pack_id"
            label="Knowledge pack"
            hint={
              knowledgePacks.length === 0
                ? "No knowledge packs yet: add one under Knowledge packs."
                : "Facts the agent may use in answers."
            }
            error={errors.knowledge_pack_id}
          >
            <Select
              id="knowledge_pack_id"
              name="knowledge_pack_id"
              defaultValue=""
              {...describedBy("knowledge_pack_id", errors.knowledge_pack_id)}
            >
              <option value="">None</option>
              {knowledgePacks.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <div className="rounded-md bg-slate-50 p-3">
            <Checkbox
              id="auto_optimize"
              name="auto_optimize"
              checked={autoOptimize}
              onChange={(e) => setAutoOptimize(e.target.checked)}
              label="Optimize my prompt in the background"
              description={
                geminiConfigured
                  ? "After the agent is created, Gemini suggests an improved prompt. You can review the difference and switch back at any time."
                  : "Gemini is not configured on this server (GEMINI_API_KEY is unset), so optimization will be skipped. The agent works with your prompt as written."
              }
            />
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Widget"
          description="How the chat looks on your site. The preview follows your changes."
        />
        <CardBody className="grid gap-6 lg:grid-cols-[1fr_22rem]">
          <WidgetSettings
            draft={widget}
            onChange={(patch) => setWidget((w) => ({ ...w, ...patch }))}
            errors={errors}
          />
          <div className="lg:sticky lg:top-4 lg:self-start">
            <WidgetPreview draft={widget} agentName={name} />
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Allowed websites" />
        <CardBody>
          <TextareaField
            id="allowed_origins"
            name="allowed_origins"
            label="Allowed origins"
            hint="One per line, like https://shop.example.com (no path). Only these sites can show the widget; leave empty to allow none yet."
            error={errors.allowed_origins}
            rows={3}
            placeholder="https://shop.example.com"
            className="min-h-0 font-mono text-xs"
          />
        </CardBody>
      </Card>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} aria-disabled={pending} data-testid="create-agent-submit">
          {pending ? "Creating…" : "Create agent"}
        </Button>
        {pending ? <span className="text-sm text-slate-500">Creating your agent…</span> : null}
      </div>
    </form>
  );
}
