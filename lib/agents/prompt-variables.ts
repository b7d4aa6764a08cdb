// Prompt variables: persona templates and admins write {company}, {agent} and {date}; the model
// must see the organization's name, the agent's name and today's date instead. Chat, evaluation
// and optimization all fill the prompt through fillPromptVariables, so they see the same text.

export type PromptVariableValues = { company: string; agent: string; date: string };

export const PROMPT_VARIABLES: readonly { name: keyof PromptVariableValues; description: string }[] = [
  { name: "company", description: "Your organization's name" },
  { name: "agent", description: "This agent's name" },
  { name: "date", description: "Today's date in UTC (YYYY-MM-DD)" },
];

/** Today's date in UTC as YYYY-MM-DD: the same day for every visitor, whatever their clock. */
export function utcDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function promptVariableValues(
  names: { company: string; agent: string },
  now: Date = new Date(),
): PromptVariableValues {
  return { company: names.company, agent: names.agent, date: utcDate(now) };
}

const KNOWN = new Set<string>(PROMPT_VARIABLES.map((v) => v.name));

/**
 * Replaces every known {name} with its value in one pass, so a value that itself contains
 * "{agent}" is not expanded again. Unknown names, empty braces and JSON-looking text are kept
 * exactly as written.
 */
export function fillPromptVariables(text: string, values: PromptVariableValues): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) =>
    KNOWN.has(name) ? values[name as keyof PromptVariableValues] : whole,
  );
}
