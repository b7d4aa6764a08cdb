import { PROMPT_VARIABLES } from "@/lib/agents/prompt-variables";

/** The variables a prompt may use, shown beside the prompt editor. */
export function PromptVariables() {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
      <p className="font-medium text-slate-700">Variables filled in when the agent answers</p>
      <ul className="mt-1 space-y-0.5" aria-label="Prompt variables">
        {PROMPT_VARIABLES.map((v) => (
          <li key={v.name}>
            <code className="font-mono text-slate-800">{`{${v.name}}`}</code> — {v.description}
          </li>
        ))}
      </ul>
      <p className="mt-1">Other text in braces is sent as written.</p>
    </div>
  );
}
