import type { WidgetAgent } from "@/db/queries/widget";
import { effectivePrompt } from "@/lib/agents/serialize";
import { AppError } from "@/lib/errors";
import { geminiClient, modelFor } from "./client";

// Widget chat replies. The system instruction is the agent's effective prompt plus its
// knowledge pack; the contents are the recent turns of the conversation and the new message.
export type ChatTurn = { role: "user" | "assistant"; content: string };

const MAX_KNOWLEDGE_CHARS = 100_000;

export function buildSystemInstruction(
  agent: Pick<WidgetAgent, "systemPrompt" | "optimizedSystemPrompt" | "useOptimizedPrompt" | "knowledgePack">,
): string {
  const prompt = effectivePrompt(agent);
  const pack = agent.knowledgePack;
  if (!pack?.content.trim()) return prompt;
  return `${prompt}\n\nUse the following knowledge ("${pack.name}") to answer. If it does not cover the question, say so.\n<knowledge>\n${pack.content.slice(0, MAX_KNOWLEDGE_CHARS)}\n</knowledge>`;
}

/** Streams the reply text chunk by chunk. Throws llm_not_configured when there is no key. */
export async function* streamChatReply(opts: {
  agent: WidgetAgent;
  history: ChatTurn[];
  message: string;
  signal?: AbortSignal;
  /** Called once after the stream with the last usageMetadata seen. */
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
    model: modelFor(cfg),
    contents,
    config: {
      systemInstruction: buildSystemInstruction(opts.agent),
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
