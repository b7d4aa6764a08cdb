"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { initialActionState } from "@/lib/auth/action-state";
import { revokeApiKeyAction } from "../actions";

/** Two steps: "Revoke" asks for confirmation inline before anything is sent. */
export function RevokeKeyButton({ org, keyId, name }: { org: string; keyId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(revokeApiKeyAction, initialActionState);
  if (!confirming) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <ConfirmForm
      action={action}
      fields={{ org, keyId }}
      confirmLabel="Confirm revoke"
      pendingText="Revoking…"
      onCancel={() => setConfirming(false)}
      className="flex flex-wrap items-center justify-end gap-2"
      note={<span className="text-xs text-slate-600">Apps using it stop working at once.</span>}
    >
      {!state.ok ? (
        <span role="alert" className="w-full text-right text-xs text-red-600">
          {state.error}
        </span>
      ) : null}
    </ConfirmForm>
  );
}
