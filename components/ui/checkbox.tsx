import type { InputHTMLAttributes, ReactNode } from "react";

/** A checkbox with its label and optional description; the whole row is clickable. */
export function Checkbox({
  label,
  description,
  id,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: ReactNode; description?: ReactNode }) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
        {...props}
      />
      <label htmlFor={id} className="text-sm">
        <span className="font-medium text-slate-900">{label}</span>
        {description ? <span className="block text-slate-500">{description}</span> : null}
      </label>
    </div>
  );
}
