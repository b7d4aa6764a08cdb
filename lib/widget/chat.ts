import { z } from "zod";
import { db } from "@/db";
import { insertMessageCounted } from "@/db/queries/conversation-writes";
import { insertReplyWithUsage, type ReplyUsage } from "@/db/queries/usage";
import { findConversation, listRecentMessages, type WidgetAgent } from "@/db/queries/widget";
import { startConversation } from "@/lib/conversations/start";
import { isGeminiConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { safeErrorFields } from "@/lib/http/safe-error";
import type { ServerEvent } from "@/lib/http/sse";
import { type Citation, citationsOf, retrieveForTurn } from "@/lib/knowledge/context";
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

/** A verified user's conversations are theirs on any device; an anonymous one, its visitor's. */
export function ownsConversation(
  session: WidgetSession,
  c: { visitorId: string; userSub: string | null },
): boolean {
  return c.userSub ? c.userSub === session.user?.sub : !session.user && c.visitorId === session.visitorId;
}

export type ChatTurn = Awaited<ReturnType<typeof prepareChatTurn>>;

/**
 * Everything before the stream once the checks passed (session, agent, model, rate limits):
 * the conversation, the history, the user's message. Each statement commits on its own: no
 * transaction stays open while the model answers.
 */
export async function prepareChatTurn(agent: WidgetAgent, session: WidgetSession, input: WidgetMessageInput) {
  let found: { id: number; publicId: string; visitorId: string; userSub: string | null } | undefined;
  if (input.conversation_id) {
    found = await findConversation(db, agent.id, input.conversation_id);
    if (!found || !ownsConversation(session, found)) {
      throw new AppError("forbidden", "This conversation belongs to another session.");
    }
  }
  // The budget before anything is written: an exhausted org stores nothing for the message.
  const budget = await takeMessageBudget(agent);
  try {
    const conversation: { id: number; publicId: string; resumeSecret?: string } =
      found ?? (await startConversation(agent, session.visitorId, session.user));
    const history = await listRecentMessages(db, conversation.id, HISTORY_TURNS);
    const passages = await retrieveForTurn(agent.knowledgePack, input.message, history);
    const userMessage = await insertMessageCounted(db, conversation.id, {
      role: "user",
      content: input.message,
    });
    return { agent, conversation, history, passages, budget, userMessageId: userMessage.publicId };
  } catch (e) {
    await releaseMessageBudget(budget).catch(() => {});
    throw e;
  }
}

/**
 * The reply as events: `conversation` (with the resume secret when this turn started it), then
 * `delta`s, then `done` with the stored reply's id (or `error`), and last the `sources` the
 * answer was given (one per source: id, title, url, snippet).
 */
export async function* chatReplyEvents(
  turn: ChatTurn,
  message: string,
  requestId: string,
  signal: AbortSignal,
): AsyncGenerator<ServerEvent> {
  yield {
    event: "conversation",
    data: {
      conversation_id: turn.conversation.publicId,
      user_message_id: turn.userMessageId,
      ...(turn.conversation.resumeSecret ? { resume_secret: turn.conversation.resumeSecret } : {}),
    },
  };
  let reply = "";
  let usage: ReplyUsage | undefined;
  try {
    const stream = streamChatReply({
      agent: turn.agent,
      history: turn.history,
      message,
      passages: turn.passages,
      signal,
      onUsage: (u) => {
        usage = u;
      },
    });
    for await (const text of stream) {
      reply += text;
      yield { event: "delta", data: { text } };
    }
    const sources = citationsOf(turn.passages);
    const saved = reply ? await storeReply(turn, reply, usage, sources) : undefined;
    yield {
      event: "done",
      data: { conversation_id: turn.conversation.publicId, message_id: saved?.publicId ?? null },
    };
    yield { event: "sources", data: { sources } };
  } catch (e) {
    log(signal.aborted ? "info" : "warn", signal.aborted ? "widget reply aborted" : "widget reply failed", {
      request_id: requestId,
      agent_id: turn.agent.publicId,
      ...safeErrorFields(e),
    });
    if (reply) await storeReply(turn, reply, usage, citationsOf(turn.passages)).catch(() => {});
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

/** The reply and its tokens, counted in its conversation and the day's usage (one statement). */
function storeReply(
  turn: ChatTurn,
  content: string,
  usage: ReplyUsage | undefined,
  sources: Citation[],
): Promise<{ publicId: string }> {
  const { agent, conversation } = turn;
  return insertReplyWithUsage(
    db,
    {
      organizationId: agent.organizationId,
      agentId: agent.id,
      conversationId: conversation.id,
      content,
      sources,
    },
    usage,
  );
}

async function releaseBudget(budget: BudgetTicket, requestId: string): Promise<void> {
  await releaseMessageBudget(budget).catch((e) =>
    log("warn", "message budget release failed", {
      request_id: requestId,
      ...safeErrorFields(e),
    }),
  );
}
