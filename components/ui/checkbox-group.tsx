import { Checkbox } from "./checkbox";
import { FieldError } from "./field-error";

export type CheckboxChoice = { id: string; value: string; description: string };

/**
 * A multi-choice field: one checkbox per choice, all posting under `name`, with the field's
 * error announced for the whole group.
 */
export function CheckboxGroup({
  legend,
  name,
  choices,
  isChecked,
  error,
}: {
  legend: string;
  name: string;
  choices: readonly CheckboxChoice[];
  isChecked: (value: string) => boolean;
  error?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset className="space-y-2 sm:col-span-2" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {choices.map((c) => (
        <Checkbox
          key={c.value}
          id={c.id}
          name={name}
          value={c.value}
          defaultChecked={isChecked(c.value)}
          label={c.value}
          description={c.description}
        />
      ))}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
