"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { type ActionState, fieldError, initialActionState, submittedValue } from "@/lib/auth/action-state";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function KnowledgePackForm({
  org,
  action,
  pack,
  submitLabel,
}: {
  org: string;
  action: Action;
  pack?: { id: string; name: string; description: string | null; content: string };
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, initialActionState);
  const err = (n: string) => fieldError(state, n);
  return (
    <form
      action={formAction}
      className="space-y-5"
      aria-label={pack ? "Edit knowledge pack" : "New knowledge pack"}
    >
      <input type="hidden" name="org" value={org} />
      {pack ? <input type="hidden" name="pack" value={pack.id} /> : null}
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      <Field id="kp-name" label="Name" error={err("name")}>
        <Input
          id="kp-name"
          name="name"
          required
          maxLength={100}
          defaultValue={submittedValue(state, "name", pack?.name ?? "")}
          {...describedBy("kp-name", err("name"))}
        />
      </Field>
      <Field id="kp-description" label="Description" error={err("description")}>
        <Input
          id="kp-description"
          name="description"
          maxLength={500}
          defaultValue={submittedValue(state, "description", pack?.description ?? "")}
        />
      </Field>
      <Field
        id="kp-content"
        label="Content"
        hint="Plain text the agents answer from: policies, FAQs, product facts. Up to 200 KB."
        error={err("content")}
      >
        <Textarea
          id="kp-content"
          name="content"
          rows={14}
          defaultValue={submittedValue(state, "content", pack?.content ?? "")}
          {...describedBy("kp-content", err("content"))}
        />
      </Field>
      <div className="flex justify-end">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
