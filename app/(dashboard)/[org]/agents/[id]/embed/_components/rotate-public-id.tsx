"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/auth/action-state";
import { rotatePublicIdAction } from "../actions";

/** Two steps: nothing is sent until the admin confirms. */
export function RotatePublicId({ org, agentId }: { org: string; agentId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(rotatePublicIdAction, initialActionState);
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Rotate public id…
      </Button>
    );
  }
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="agentId" value={agentId} />
      <input type="hidden" name="confirm" value="rotate" />
      <Alert tone="warning">
        Every snippet pasted so far stops working at once, and API calls must use the new id. You will need to
        paste the new snippet on your website.
      </Alert>
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingText="Rotating…">
          Rotate now
        </SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
