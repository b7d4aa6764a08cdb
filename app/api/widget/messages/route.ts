import { readJsonBody } from "@/lib/http/body";
import { prepareChatTurn, streamChatTurn, widgetMessageSchema } from "@/lib/widget/chat";
import { widgetRoute } from "@/lib/widget/route";
import { bearerToken, verifyWidgetToken } from "@/lib/widget/token";

// Called by the embed page (same origin as the app) with its session token; no CORS.
export const POST = widgetRoute("widget.messages", async ({ req, requestId }) => {
  const session = await verifyWidgetToken(bearerToken(req));
  const input = widgetMessageSchema.parse(await readJsonBody(req));
  const turn = await prepareChatTurn(session, input);
  return new Response(streamChatTurn(turn, input.message, requestId, req.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
    },
  });
});
