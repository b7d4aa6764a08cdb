"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
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
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="keyId" value={keyId} />
      <span className="text-xs text-slate-600">Apps using it stop working at once.</span>
      <SubmitButton variant="danger" pendingText="Revoking…" className="!px-2.5 !py-1.5">
        Confirm revoke
      </SubmitButton>
      <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      {!state.ok ? (
        <span role="alert" className="w-full text-right text-xs text-red-600">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
