"use client";

import { type ReactNode, useState } from "react";
import { Button } from "./button";
import { SubmitButton } from "./submit-button";

/**
 * A destructive button in two steps: the first click only shows "Confirm …" (with Cancel to
 * step back); the form is sent only by the second.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  variant,
  action,
  fields,
  confirmLabel,
  pendingText,
  className,
  note,
  dialogLabel,
  children,
}: {
  label: string;
  ariaLabel: string;
  variant: "secondary" | "ghost";
  action: (data: FormData) => void;
  /** Hidden inputs naming what the action applies to. */
  fields: Record<string, string>;
  confirmLabel: string;
  pendingText: string;
  className: string;
  /** What confirming will do, shown before the button. */
  note?: ReactNode;
  /** When set, the confirm step is announced as an alert dialog with this name. */
  dialogLabel?: string;
  /** Shown after Cancel, e.g. the action's error. */
  children?: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant={variant} size="sm" onClick={() => setConfirming(true)} aria-label={ariaLabel}>
        {label}
      </Button>
    );
  }
  return (
    <form
      action={action}
      className={className}
      {...(dialogLabel ? { role: "alertdialog", "aria-label": dialogLabel } : {})}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {note}
      <SubmitButton variant="danger" pendingText={pendingText} className="!px-2.5 !py-1.5">
        {confirmLabel}
      </SubmitButton>
      <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      {children}
    </form>
  );
}
