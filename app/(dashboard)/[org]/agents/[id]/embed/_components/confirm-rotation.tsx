"use client";

import { type ReactNode, useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { type ActionState, initialActionState } from "@/lib/auth/action-state";

export type RotationText = { open: string; warning: string; submit: string; pending: string };

/**
 * Two steps for a rotation: nothing is sent until the admin confirms the warning. `done`
 * renders a successful result (e.g. a secret shown once) instead of the form.
 */
export function ConfirmRotation(props: {
  org: string;
  agentId: string;
  serverAction: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  text: RotationText;
  done?: (state: Extract<ActionState, { ok: true }>) => ReactNode;
}) {
  const { text } = props;
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(props.serverAction, initialActionState);
  const done = state.ok && state.data !== undefined ? props.done?.(state) : undefined;
  if (done) return done;
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        {text.open}
      </Button>
    );
  }
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="org" value={props.org} />
      <input type="hidden" name="agentId" value={props.agentId} />
      <input type="hidden" name="confirm" value="rotate" />
      <Alert tone="warning">{text.warning}</Alert>
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingText={text.pending}>
          {text.submit}
        </SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
