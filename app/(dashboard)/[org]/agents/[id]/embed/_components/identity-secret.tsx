"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/auth/action-state";
import { rotateIdentitySecretAction } from "../identity-actions";

/** Create or rotate, after a confirmation; the new secret is shown once, in this response only. */
export function IdentitySecret({ org, agentId }: { org: string; agentId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(rotateIdentitySecretAction, initialActionState);
  const secret = state.ok ? (state.data as { secret?: string } | undefined)?.secret : undefined;
  if (secret) {
    return (
      <div className="space-y-2">
        <Alert tone="success">{state.ok ? state.message : null}</Alert>
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          <code data-testid="identity-secret">{secret}</code>
        </pre>
      </div>
    );
  }
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Create or rotate identity secret…
      </Button>
    );
  }
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="agentId" value={agentId} />
      <input type="hidden" name="confirm" value="rotate" />
      <Alert tone="warning">
        A previous secret stops working at once: tokens your site signed with it are refused.
      </Alert>
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingText="Creating…">
          Create new secret
        </SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
