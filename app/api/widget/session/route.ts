import { json } from "@/lib/http/pipeline";
import { sessionAgent, sessionMintRateLimit, widget, widgetSession } from "@/lib/widget/route";
import { mintWidgetToken } from "@/lib/widget/token";

// Refreshes a still-valid session before it expires: same agent, same visitor, new expiry.
export const POST = widget
  .use(sessionMintRateLimit)
  .use(widgetSession)
  .use(sessionAgent)
  .handle("widget.session", async ({ session, agent }) => {
    const minted = await mintWidgetToken(agent.publicId, session.visitorId);
    return json({ token: minted.token, expires_at: minted.expiresAt });
  });
