import type { WidgetAgent } from "@/db/queries/widget";
import { fillPromptVariables, promptVariableValues } from "@/lib/agents/prompt-variables";
import { effectivePrompt } from "@/lib/agents/serialize";
import { AppError } from "@/lib/errors";
import { type KnowledgePassage, knowledgeSection } from "@/lib/knowledge/context";
import { effectiveModel } from "@/lib/models";
import { geminiClient } from "./client";

// Widget chat replies. The system instruction is the agent's effective prompt plus the passages
// of its knowledge pack retrieved for this turn (lib/knowledge/context.ts); the contents are the
// recent turns of the conversation and the new message.
export type ChatTurn = { role: "user" | "assistant"; content: string };

export function buildSystemInstruction(
  agent: Pick<
    WidgetAgent,
    "name" | "systemPrompt" | "optimizedSystemPrompt" | "useOptimizedPrompt" | "knowledgePack"
  > & {
    organization: { name: string };
  },
  passages: readonly KnowledgePassage[] = [],
  now: Date = new Date(),
): string {
  const prompt = fillPromptVariables(
    effectivePrompt(agent),
    promptVariableValues({ company: agent.organization.name, agent: agent.name }, now),
  );
  const pack = agent.knowledgePack;
  if (!pack) return prompt;
  return `${prompt}\n\n${knowledgeSection(pack.name, passages)}`;
}

/** Streams the reply text chunk by chunk. Throws llm_not_configured when there is no key. */
export async function* streamChatReply(opts: {
  agent: WidgetAgent;
  history: ChatTurn[];
  message: string;
  passages?: readonly KnowledgePassage[];
  signal?: AbortSignal;
  /** Called once after the stream with the last usageMetadata Gemini sent (when it sent one). */
  onUsage?: (usage: { inputTokens: number; outputTokens: number }) => void;
}): AsyncGenerator<string> {
  const client = geminiClient();
  if (!client)
    throw new AppError("llm_not_configured", "Chat is not available: no language model is configured.");
  const cfg = opts.agent.config;
  const contents = [...opts.history, { role: "user" as const, content: opts.message }].map((t) => ({
    role: t.role === "assistant" ? "model" : "user",
    parts: [{ text: t.content }],
  }));
  const stream = await client.models.generateContentStream({
    // The plan decides: a stored model outside it answers on the default model.
    model: effectiveModel(cfg, opts.agent.organization.plan).model,
    contents,
    config: {
      systemInstruction: buildSystemInstruction(opts.agent, opts.passages),
      ...(typeof cfg.temperature === "number" ? { temperature: cfg.temperature } : {}),
      ...(typeof cfg.max_output_tokens === "number" ? { maxOutputTokens: cfg.max_output_tokens } : {}),
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    },
  });
  let usage: { inputTokens: number; outputTokens: number } | undefined;
  for await (const chunk of stream) {
    const meta = chunk.usageMetadata;
    if (meta)
      usage = { inputTokens: meta.promptTokenCount ?? 0, outputTokens: meta.candidatesTokenCount ?? 0 };
    const text = chunk.text;
    if (text) yield text;
  }
  if (usage) opts.onUsage?.(usage);
}
