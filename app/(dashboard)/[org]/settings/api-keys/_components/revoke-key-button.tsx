"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { initialActionState } from "@/lib/auth/action-state";
import { revokeApiKeyAction } from "../actions";

/** Two steps: "Revoke" asks for confirmation inline before anything is sent. */
export function RevokeKeyButton({ org, keyId, name }: { org: string; keyId: string; name: string }) {
  const [state, action] = useActionState(revokeApiKeyAction, initialActionState);
  return (
    <ConfirmButton
      label="Revoke"
      ariaLabel={`Revoke ${name}`}
      variant="secondary"
      action={action}
      fields={{ org, keyId }}
      confirmLabel="Confirm revoke"
      pendingText="Revoking…"
      className="flex flex-wrap items-center justify-end gap-2"
      note={<span className="text-xs text-slate-600">Apps using it stop working at once.</span>}
    >
      {!state.ok ? (
        <span role="alert" className="w-full text-right text-xs text-red-600">
          {state.error}
        </span>
      ) : null}
    </ConfirmButton>
  );
}
