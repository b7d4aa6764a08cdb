"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-button";
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
  const [state, action] = useActionState(restorePromptVersionAction, initialActionState);
  if (state.ok && state !== initialActionState && state.message) {
    return (
      <Alert tone="success" className="whitespace-normal">
        {state.message}
      </Alert>
    );
  }
  return (
    <div className="whitespace-normal">
      <ConfirmButton
        label={`Restore v${version}`}
        ariaLabel={`Restore v${version}`}
        variant="secondary"
        action={action}
        fields={{ org, agent: agentId, version: String(version) }}
        confirmLabel="Confirm restore"
        pendingText="Restoring…"
        className="flex flex-wrap items-center gap-2"
        dialogLabel={`Restore version ${version}`}
        note={
          <p className="w-full text-sm text-slate-800">
            Switch the agent to the text of version {version}? This makes a new version; nothing is lost.
          </p>
        }
      >
        {!state.ok ? (
          <Alert tone="error" className="w-full">
            {state.error}
          </Alert>
        ) : null}
      </ConfirmButton>
    </div>
  );
}
