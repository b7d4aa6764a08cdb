import { SelectField } from "@/components/ui/field";

// The model an agent answers with: only the models of the org's plan are offered. The empty
// choice stores no model, so the agent follows the deployment's default model.
export type ModelChoice = { models: string[]; defaultModel: string; planName: string };

export function ModelSelect({
  id,
  name,
  choice,
  value,
  error,
}: {
  id: string;
  name: string;
  choice: ModelChoice;
  value: string;
  error?: string;
}) {
  return (
    <SelectField
      id={id}
      name={name}
      label="Model"
      hint={`The models of the ${choice.planName} plan.`}
      error={error}
      defaultValue={value}
    >
      <option value="">Default ({choice.defaultModel})</option>
      {choice.models.map((m) => (
        <option key={m} value={m}>
          {m}
        </option>
      ))}
    </SelectField>
  );
}
