import { z } from "zod";
import { db } from "@/db";
import {
  findConversation,
  insertConversation,
  insertMessage,
  listRecentMessages,
  type WidgetAgent,
} from "@/db/queries/widget";
import { getEnv, isGeminiConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { streamChatReply } from "@/lib/llm/chat";
import { log } from "@/lib/logger";
import { rateLimitStore } from "@/lib/rate-limit";
import { hitPair } from "@/lib/rate-limit/pair";
import { getActiveWidgetAgent } from "./agent-cache";
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

/** Per-visitor then per-agent fixed windows; 429 with Retry-After and a kind message. */
export async function checkWidgetRateLimits(agent: WidgetAgent, session: WidgetSession) {
  const env = getEnv();
  // Both limits in one round trip with the shared store; the agent's counts only if the visitor's allowed.
  const [visitor, perAgent] = await hitPair(
    rateLimitStore(),
    {
      key: `widget:visitor:${agent.publicId}:${session.visitorId}`,
      limit: env.WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE,
      windowMs: 60_000,
    },
    {
      key: `widget:agent:${agent.publicId}`,
      limit: env.WIDGET_AGENT_RATE_LIMIT_PER_MINUTE,
      windowMs: 60_000,
    },
  );
  if (!visitor.allowed)
    throw limited(
      visitor.resetSeconds,
      "You're sending messages quickly. Please wait a moment and try again.",
    );
  if (perAgent && !perAgent.allowed)
    throw limited(
      perAgent.resetSeconds,
      "This assistant is very busy right now. Please try again in a minute.",
    );
}

function limited(resetSeconds: number, detail: string) {
  return new AppError("rate_limited", detail, {
    extra: { retry_after: resetSeconds },
    headers: { "Retry-After": String(resetSeconds) },
  });
}

/**
 * Everything before the stream: checks, the conversation, the history, the user's message.
 * Each statement commits on its own: no transaction stays open while the model answers.
 */
export async function prepareChatTurn(session: WidgetSession, input: WidgetMessageInput) {
  const agent = await resolveSessionAgent(session, input.agent_id);
  if (!isGeminiConfigured()) {
    throw new AppError(
      "llm_not_configured",
      "Chat is not available right now: no language model is configured.",
    );
  }
  await checkWidgetRateLimits(agent, session);
  let conversation: { id: number; publicId: string };
  if (input.conversation_id) {
    const found = await findConversation(db, agent.id, input.conversation_id);
    if (!found || found.visitorId !== session.visitorId) {
      throw new AppError("forbidden", "This conversation belongs to another session.");
    }
    conversation = found;
  } else {
    conversation = await insertConversation(db, agent.id, session.visitorId);
  }
  const history = await listRecentMessages(db, conversation.id, HISTORY_TURNS);
  await insertMessage(db, conversation.id, "user", input.message);
  return { agent, conversation, history };
}

const encoder = new TextEncoder();
const sse = (event: string, data: unknown) =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/** The reply as Server-Sent Events: `conversation`, then `delta`s, then `done` (or `error`). */
export function streamChatTurn(
  turn: Awaited<ReturnType<typeof prepareChatTurn>>,
  message: string,
  requestId: string,
  clientSignal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const abort = new AbortController();
  clientSignal?.addEventListener("abort", () => abort.abort());
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      // The visitor may close the chat mid-reply: writing to a cancelled stream must not throw.
      const send = (chunk: Uint8Array) => {
        try {
          controller.enqueue(chunk);
        } catch {
          abort.abort();
        }
      };
      send(sse("conversation", { conversation_id: turn.conversation.publicId }));
      let reply = "";
      try {
        for await (const text of streamChatReply({
          agent: turn.agent,
          history: turn.history,
          message,
          signal: abort.signal,
        })) {
          reply += text;
          send(sse("delta", { text }));
        }
        if (reply) await insertMessage(db, turn.conversation.id, "assistant", reply);
        send(sse("done", { conversation_id: turn.conversation.publicId }));
      } catch (e) {
        log(
          abort.signal.aborted ? "info" : "warn",
          abort.signal.aborted ? "widget reply aborted" : "widget reply failed",
          {
            request_id: requestId,
            agent_id: turn.agent.publicId,
            error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
          },
        );
        if (reply) await insertMessage(db, turn.conversation.id, "assistant", reply).catch(() => {});
        send(
          sse("error", {
            code: "llm_unavailable",
            message: "The assistant could not answer just now. Please try again.",
          }),
        );
      } finally {
        try {
          controller.close();
        } catch {
          // the client went away
        }
      }
    },
    cancel() {
      abort.abort();
    },
  });
}
