import { sseResponse } from "@/lib/http/sse";
import { jsonBody } from "@/lib/http/steps";
import { chatReplyEvents, prepareChatTurn, widgetMessageSchema } from "@/lib/widget/chat";
import { chatModel, chatRateLimit, sessionAgent, widget, widgetSession } from "@/lib/widget/route";

// Called by the embed page (same origin as the app) with its session token; no CORS.
export const POST = widget
  .use(widgetSession)
  .use(jsonBody(widgetMessageSchema))
  .use(sessionAgent)
  .use(chatModel)
  .use(chatRateLimit)
  .handle("widget.messages", async ({ req, requestId, session, agent, body }) => {
    const turn = await prepareChatTurn(agent, session, body);
    return sseResponse((signal) => chatReplyEvents(turn, body.message, requestId, signal), req.signal);
  });
