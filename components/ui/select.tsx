import type { ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { fieldClasses } from "./input";

export type SelectOption = { value: string | number; label: ReactNode };

/** Options whose label is their value (enum values shown as they are). */
export const plainOptions = (values: readonly (string | number)[]): SelectOption[] =>
  values.map((value) => ({ value, label: value }));

/**
 * A select whose choices come from `options`; `children` go first, for a fixed choice such as
 * "None" or "All personas".
 */
export function Select({
  className,
  options = [],
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { options?: readonly SelectOption[] }) {
  return (
    <select className={cn(fieldClasses, "pr-8", className)} {...props}>
      {children}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
