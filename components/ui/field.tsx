import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
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

/** A Field around an Input already wired to its hint and error, so the id is written once. */
export function InputField({
  id,
  label,
  hint,
  error,
  ...input
}: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, "id">) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <Input id={id} {...input} {...describedBy(id, error)} />
    </Field>
  );
}

/** A Field around a Textarea already wired to its hint and error, so the id is written once. */
export function TextareaField({
  id,
  label,
  hint,
  error,
  ...textarea
}: FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id">) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <Textarea id={id} {...textarea} {...describedBy(id, error)} />
    </Field>
  );
}
