"use client";

import { Alert } from "@/components/ui/alert";
import { rotateIdentitySecretAction } from "../identity-actions";
import { ConfirmRotation } from "./confirm-rotation";

const TEXT = {
  open: "Create or rotate identity secret…",
  warning: "A previous secret stops working at once: tokens your site signed with it are refused.",
  submit: "Create new secret",
  pending: "Creating…",
};

/** Create or rotate, after a confirmation; the new secret is shown once, in this response only. */
export function IdentitySecret({ org, agentId }: { org: string; agentId: string }) {
  return (
    <ConfirmRotation
      org={org}
      agentId={agentId}
      serverAction={rotateIdentitySecretAction}
      text={TEXT}
      done={(state) => (
        <div className="space-y-2">
          <Alert tone="success">{state.message}</Alert>
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            <code data-testid="identity-secret">{(state.data as { secret: string }).secret}</code>
          </pre>
        </div>
      )}
    />
  );
}
