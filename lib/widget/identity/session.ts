import { z } from "zod";
import type { WidgetAgent } from "@/db/queries/widget";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { getActiveWidgetAgent } from "@/lib/widget/agent-cache";
import { resolveSessionAgent } from "@/lib/widget/chat";
import { bearerToken, mintWidgetToken, verifyWidgetToken, type WidgetSession } from "@/lib/widget/token";
import { verifyIdentityToken } from "./verify";

// POST /api/widget/session: refresh a session, or exchange a site-signed identity token for a
// session bound to that user (`uid`). With `required`, no session exists without a valid token;
// without a session yet (the embed page of a `required` agent mints none) the body names the agent.
export const widgetSessionSchema = z.strictObject({
  identity_token: z.string().min(1).max(4096).optional(),
  agent_id: z.uuid().optional(),
});

const NEED_TOKEN = "Sign in on this site to chat.";

/** The body is optional (a plain refresh sends none). */
export async function readSessionBody(req: Request) {
  if (!req.headers.get("content-type")) return {};
  return widgetSessionSchema.parse(await readJsonBody(req));
}

export async function mintSession(req: Request, body: z.infer<typeof widgetSessionSchema>) {
  const bearer = bearerToken(req);
  // With an identity token, an expired session (a sleeping tab) is no reason to refuse it.
  const session: WidgetSession | undefined = bearer
    ? await verifyWidgetToken(bearer).catch((e) => {
        if (body.identity_token) return undefined;
        throw e;
      })
    : undefined;
  if (!session && !body.identity_token) {
    throw new AppError("unauthenticated", "A widget session token or an identity token is required.");
  }
  const agent = session ? await resolveSessionAgent(session, body.agent_id) : await agentNamed(body.agent_id);
  let user = session?.user;
  if (body.identity_token) {
    if (agent.identityVerification === "off") {
      throw new AppError("unauthenticated", "This assistant does not accept identity tokens.");
    }
    user = await verifyIdentityToken(agent, body.identity_token);
  }
  if (agent.identityVerification === "required" && !user) throw new AppError("unauthenticated", NEED_TOKEN);
  const minted = await mintWidgetToken(agent.publicId, session?.visitorId, undefined, user);
  return {
    token: minted.token,
    expires_at: minted.expiresAt,
    user: user ? { id: user.sub, name: user.name, email: user.email } : null,
  };
}

async function agentNamed(publicId: string | undefined): Promise<WidgetAgent> {
  const agent = publicId ? await getActiveWidgetAgent(publicId) : undefined;
  if (!agent) throw new AppError("unauthenticated", "This chat is no longer available. Reload the page.");
  return agent;
}

/** A `required` agent's routes refuse a session without a verified user (minted before the switch). */
export function requireVerifiedUser(agent: WidgetAgent, session: WidgetSession): void {
  if (agent.identityVerification === "required" && !session.user) {
    throw new AppError("unauthenticated", NEED_TOKEN);
  }
}
