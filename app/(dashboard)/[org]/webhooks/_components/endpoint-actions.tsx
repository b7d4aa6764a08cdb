"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/auth/action-state";
import { deleteWebhookEndpointAction, sendTestWebhookAction } from "../actions";

export function EndpointActions({ org, endpoint, url }: { org: string; endpoint: string; url: string }) {
  const [testState, sendTest] = useActionState(sendTestWebhookAction, initialActionState);
  const [deleteState, remove] = useActionState(deleteWebhookEndpointAction, initialActionState);
  const [confirming, setConfirming] = useState(false);
  const result = deleteState !== initialActionState ? deleteState : testState;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={sendTest}>
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="endpoint" value={endpoint} />
        <SubmitButton
          variant="secondary"
          pendingText="Sending…"
          className="!px-2.5 !py-1.5"
          aria-label={`Send a test event to ${url}`}
        >
          Send test
        </SubmitButton>
      </form>
      {confirming ? (
        <ConfirmForm
          action={remove}
          fields={{ org, endpoint }}
          confirmLabel="Confirm delete"
          pendingText="Deleting…"
          onCancel={() => setConfirming(false)}
          className="flex items-center gap-2"
        />
      ) : (
        <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Delete ${url}`}>
          Delete
        </Button>
      )}
      {result !== initialActionState ? (
        <span
          role={result.ok ? "status" : "alert"}
          className={`w-full text-right text-xs ${result.ok ? "text-green-700" : "text-red-600"}`}
        >
          {result.ok ? result.message : result.error}
        </span>
      ) : null}
    </div>
  );
}
