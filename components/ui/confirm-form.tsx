import type { ReactNode } from "react";
import { Button } from "./button";
import { SubmitButton } from "./submit-button";

/**
 * The second step of a destructive button: a form that sends only after "Confirm …" is clicked,
 * with Cancel to step back. The caller owns the "confirming" state and the first-step button.
 */
export function ConfirmForm({
  action,
  fields,
  confirmLabel,
  pendingText,
  onCancel,
  className,
  note,
  children,
}: {
  action: (data: FormData) => void;
  /** Hidden inputs naming what the action applies to. */
  fields: Record<string, string>;
  confirmLabel: string;
  pendingText: string;
  onCancel: () => void;
  className: string;
  /** What confirming will do, shown before the button. */
  note?: ReactNode;
  /** Shown after Cancel, e.g. the action's error. */
  children?: ReactNode;
}) {
  return (
    <form action={action} className={className}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {note}
      <SubmitButton variant="danger" pendingText={pendingText} className="!px-2.5 !py-1.5">
        {confirmLabel}
      </SubmitButton>
      <Button variant="ghost" size="sm" onClick={onCancel}>
        Cancel
      </Button>
      {children}
    </form>
  );
}
