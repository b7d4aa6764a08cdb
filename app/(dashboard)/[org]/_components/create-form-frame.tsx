import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/auth/action-state";

/**
 * The frame of a list page's create form: what the last create returned (a secret shown once),
 * its error, then the fields, posted with the org's slug, and the submit button.
 */
export function CreateFormFrame({
  org,
  state,
  action,
  created,
  submitLabel,
  pendingText,
  children,
}: {
  org: string;
  state: ActionState;
  action: (data: FormData) => void;
  created: ReactNode;
  submitLabel: string;
  pendingText: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-5">
      {created}
      {!state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
        <input type="hidden" name="org" value={org} />
        {children}
        <div className="sm:col-span-2">
          <SubmitButton pendingText={pendingText}>{submitLabel}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
