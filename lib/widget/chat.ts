import { z } from "zod";
import { db } from "@/db";
import { insertReplyWithUsage, type ReplyUsage } from "@/db/queries/usage";
import {
  findConversation,
  insertConversation,
  insertMessage,
  listRecentMessages,
  type WidgetAgent,
} from "@/db/queries/widget";
import { isGeminiConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ServerEvent } from "@/lib/http/sse";
import { streamChatReply } from "@/lib/llm/chat";
import { log } from "@/lib/logger";
import { getActiveWidgetAgent } from "./agent-cache";
import { type BudgetTicket, releaseMessageBudget, takeMessageBudget } from "./budget";
import type { WidgetSession } from "./token";

export const HISTORY_TURNS = 10;

export const widgetMessageSchema = z.strictObject({
  message: z
    .string()
    .max(4000, "At most 4,000 characters.")
    .refine((s) => s.trim().length > 0, { message: "Write a message." }),
  conversation_id: z.uuid("Use the conversation_id the widget received.").optional(),
  // Sent by the embed page; when present it must match the session's agent.
  agent_id: z.uuid().optional(),
});
export type WidgetMessageInput = z.infer<typeof widgetMessageSchema>;

/** The session's agent, if it still exists and is active (a rotated or disabled one is not). */
export async function resolveSessionAgent(session: WidgetSession, claimedAgentId?: string) {
  if (claimedAgentId && claimedAgentId.toLowerCase() !== session.agentPublicId.toLowerCase()) {
    throw new AppError("forbidden", "This session belongs to another agent.");
  }
  const agent = await getActiveWidgetAgent(session.agentPublicId);
  if (!agent) throw new AppError("unauthenticated", "This chat is no longer available. Reload the page.");
  return agent;
}

/** Chat needs a language model; without one the widget says so instead of failing later. */
export function requireChatModel(): void {
  if (!isGeminiConfigured()) {
    throw new AppError(
      "llm_not_configured",
      "Chat is not available right now: no language model is configured.",
    );
  }
}

export type ChatTurn = Awaited<ReturnType<typeof prepareChatTurn>>;

/**
 * Everything before the stream once the checks passed (session, agent, model, rate limits):
 * the conversation, the history, the user's message. Each statement commits on its own: no
 * transaction stays open while the model answers.
 */
export async function prepareChatTurn(agent: WidgetAgent, session: WidgetSession, input: WidgetMessageInput) {
  let found: Awaited<ReturnType<typeof findConversation>>;
  if (input.conversation_id) {
    found = await findConversation(db, agent.id, input.conversation_id);
    if (!found || found.visitorId !== session.visitorId) {
      throw new AppError("forbidden", "This conversation belongs to another session.");
    }
  }
  // The budget before anything is written: an exhausted org stores nothing for the message.
  const budget = await takeMessageBudget(agent);
  try {
    const conversation = found ?? (await insertConversation(db, agent.id, session.visitorId));
    const history = await listRecentMessages(db, conversation.id, HISTORY_TURNS);
    await insertMessage(db, conversation.id, "user", input.message);
    return { agent, conversation, history, budget };
  } catch (e) {
    await releaseMessageBudget(budget).catch(() => {});
    throw e;
  }
}

/** The reply as events: `conversation`, then `delta`s, then `done` (or `error`). */
export async function* chatReplyEvents(
  turn: ChatTurn,
  message: string,
  requestId: string,
  signal: AbortSignal,
): AsyncGenerator<ServerEvent> {
  yield { event: "conversation", data: { conversation_id: turn.conversation.publicId } };
  let reply = "";
  let usage: ReplyUsage | undefined;
  const onUsage = (u: ReplyUsage) => {
    usage = u;
  };
  try {
    for await (const text of streamChatReply({
      agent: turn.agent,
      history: turn.history,
      message,
      signal,
      onUsage,
    })) {
      reply += text;
      yield { event: "delta", data: { text } };
    }
    if (reply) await storeReply(turn, reply, usage);
    yield { event: "done", data: { conversation_id: turn.conversation.publicId } };
  } catch (e) {
    log(signal.aborted ? "info" : "warn", signal.aborted ? "widget reply aborted" : "widget reply failed", {
      request_id: requestId,
      agent_id: turn.agent.publicId,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    });
    if (reply) await storeReply(turn, reply, usage).catch(() => {});
    // No text reached the visitor: the message was not spent.
    else await releaseBudget(turn.budget, requestId);
    yield {
      event: "error",
      data: {
        code: "llm_unavailable",
        message: "The assistant could not answer just now. Please try again.",
      },
    };
  }
}

/** The reply and its tokens, counted in the day's usage of the agent (one statement). */
function storeReply(turn: ChatTurn, content: string, usage: ReplyUsage | undefined): Promise<void> {
  const { agent, conversation } = turn;
  return insertReplyWithUsage(
    db,
    { organizationId: agent.organizationId, agentId: agent.id, conversationId: conversation.id, content },
    usage,
  );
}

async function releaseBudget(budget: BudgetTicket, requestId: string): Promise<void> {
  await releaseMessageBudget(budget).catch((e) =>
    log("warn", "message budget release failed", {
      request_id: requestId,
      error: e instanceof Error ? e.message : String(e),
    }),
  );
}
