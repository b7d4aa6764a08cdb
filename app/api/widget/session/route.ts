import { json } from "@/lib/api/handler";
import { resolveSessionAgent } from "@/lib/widget/chat";
import { widgetRoute } from "@/lib/widget/route";
import { bearerToken, mintWidgetToken, verifyWidgetToken } from "@/lib/widget/token";

// Refreshes a still-valid session before it expires: same agent, same visitor, new expiry.
export const POST = widgetRoute("widget.session", async ({ req }) => {
  const session = await verifyWidgetToken(bearerToken(req));
  const agent = await resolveSessionAgent(session);
  const minted = await mintWidgetToken(agent.publicId, session.visitorId);
  return json({ token: minted.token, expires_at: minted.expiresAt });
});
