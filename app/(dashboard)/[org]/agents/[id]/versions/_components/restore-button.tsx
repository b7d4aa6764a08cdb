"use client";

import { RotateCcw } from "lucide-react";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { initialActionState } from "@/lib/auth/action-state";
import { restorePromptVersionAction } from "../actions";

/** Restore with an explicit confirmation step: it switches what visitors get at once. */
export function RestoreVersionButton({
  org,
  agentId,
  version,
}: {
  org: string;
  agentId: string;
  version: number;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(restorePromptVersionAction, initialActionState);
  if (state.ok && state !== initialActionState && state.message) {
    return (
      <Alert tone="success" className="whitespace-normal">
        {state.message}
      </Alert>
    );
  }
  if (!confirming) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
        <RotateCcw aria-hidden className="size-4" />
        Restore v{version}
      </Button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby={`restore-${version}-title`} className="whitespace-normal">
      <ConfirmForm
        action={action}
        fields={{ org, agent: agentId, version: String(version) }}
        confirmLabel="Confirm restore"
        pendingText="Restoring…"
        onCancel={() => setConfirming(false)}
        className="flex flex-wrap items-center gap-2"
        note={
          <p id={`restore-${version}-title`} className="w-full text-sm text-slate-800">
            Switch the agent to the text of version {version}? This makes a new version; nothing is lost.
          </p>
        }
      >
        {!state.ok ? (
          <Alert tone="error" className="w-full">
            {state.error}
          </Alert>
        ) : null}
      </ConfirmForm>
    </div>
  );
}
