"use client";

import { Trash2 } from "lucide-react";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/auth/action-state";
import { deleteAgentAction } from "../actions";

/** Delete with an explicit confirmation step; the plan slot is free as soon as it succeeds. */
export function DeleteAgentButton({
  org,
  agentId,
  agentName,
}: {
  org: string;
  agentId: string;
  agentName: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(deleteAgentAction, initialActionState);
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        <Trash2 aria-hidden className="size-4" />
        Delete
      </Button>
    );
  }
  return (
    <div
      role="alertdialog"
      aria-labelledby="delete-agent-title"
      className="w-full rounded-md bg-red-50 p-3 ring-1 ring-red-200 sm:w-auto"
    >
      <p id="delete-agent-title" className="text-sm text-red-900">
        Delete <strong className="break-words">{agentName}</strong>? Its widget stops working. This cannot be
        undone.
      </p>
      {!state.ok ? (
        <Alert tone="error" className="mt-2">
          {state.error}
        </Alert>
      ) : null}
      <form action={action} className="mt-2 flex gap-2">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="agent" value={agentId} />
        <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
        <SubmitButton variant="danger" pendingText="Deleting…">
          Delete permanently
        </SubmitButton>
      </form>
    </div>
  );
}
