import type { ComponentType, ReactNode } from "react";
import { FieldError } from "./field-error";
import { Input } from "./input";
import { Label } from "./label";
import { Textarea } from "./textarea";

/** Label + control + hint + inline error, wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Props for the control inside a Field so its error is announced. */
export function describedBy(id: string, error?: string) {
  return error
    ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` }
    : { "aria-describedby": `${id}-hint` };
}

type FieldFrame = { id: string; label: string; hint?: string; error?: string };

/**
 * Wraps a control in a Field and wires it to the Field's hint and error, so a form writes the
 * id once and cannot forget the aria wiring. One wrapper serves every kind of control.
 */
function withField<P extends { id?: string }>(Control: ComponentType<P>) {
  return function FramedControl({ id, label, hint, error, ...control }: FieldFrame & Omit<P, "id">) {
    const wired = { ...control, id, ...describedBy(id, error) } as unknown as P;
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        <Control {...wired} />
      </Field>
    );
  };
}

export const InputField = withField(Input);
export const TextareaField = withField(Textarea);
