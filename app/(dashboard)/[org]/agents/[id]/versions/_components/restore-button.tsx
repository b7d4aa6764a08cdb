"use client";

import { RotateCcw } from "lucide-react";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
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
      <p id={`restore-${version}-title`} className="text-sm text-slate-800">
        Switch the agent to the text of version {version}? This makes a new version; nothing is lost.
      </p>
      {!state.ok ? (
        <Alert tone="error" className="mt-2">
          {state.error}
        </Alert>
      ) : null}
      <form action={action} className="mt-2 flex gap-2">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="agent" value={agentId} />
        <input type="hidden" name="version" value={version} />
        <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
        <SubmitButton pendingText="Restoring…">Confirm restore</SubmitButton>
      </form>
    </div>
  );
}
