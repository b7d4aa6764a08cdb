import type { WidgetAgent } from "@/db/queries/widget";
import { getEnv } from "@/lib/env";
import { type BaseContext, pipeline, type Step } from "@/lib/http/pipeline";
import { countStatements, deadline, publicCors, rateLimit, storableQuery } from "@/lib/http/steps";
import { requireChatModel, resolveSessionAgent } from "@/lib/widget/chat";
import { requireVerifiedUser } from "@/lib/widget/identity/session";
import { ipMessageRules, ipSessionRules } from "@/lib/widget/ip-limits";
import { bearerToken, verifyWidgetToken, type WidgetSession } from "@/lib/widget/token";

// The public widget endpoints' steps (no API key: widget.js and the embed page call them):
// the same pipeline as the API with the widget's credential. Tokens are never logged.

/** Every widget route starts here (the deadline covers the work before a stream starts; the
 * statement count, like the API's, covers the work before the response starts). */
export const widget = pipeline.use(countStatements).use(storableQuery).use(deadline);

/** Display data any host page may read: `*` CORS on every answer, errors included. */
export const publicWidget = pipeline.use(publicCors).use(storableQuery).use(deadline);

/** The credential: the short-lived session token the widget received. */
export const widgetSession: Step<{ req: Request }, { session: WidgetSession }> = async (ctx, next) =>
  next({ session: await verifyWidgetToken(bearerToken(ctx.req)) });

/** The session's agent, still active, and the one the embed page claims (when it says). */
export const sessionAgent: Step<
  { session: WidgetSession; body?: { agent_id?: string } },
  { agent: WidgetAgent }
> = async (ctx, next) => {
  const agent = await resolveSessionAgent(ctx.session, ctx.body?.agent_id);
  requireVerifiedUser(agent, ctx.session);
  return next({ agent });
};

export const chatModel: Step<unknown> = (_ctx, next) => {
  requireChatModel();
  return next({});
};

/** Session mints per client IP (the embed page's door, proxy.ts, applies the same rule). */
export const sessionMintRateLimit = rateLimit<BaseContext>(({ req }) => ipSessionRules(req.headers), {
  retryAfterInBody: true,
});

/**
 * Per client IP, then per visitor (a verified user counts once, whatever devices they use), then
 * per agent; the wait is in the body too (the widget shows it).
 */
export const chatRateLimit = rateLimit<BaseContext & { agent: WidgetAgent; session: WidgetSession }>(
  ({ agent, session, req }) => {
    const env = getEnv();
    return [
      ...ipMessageRules(req.headers),
      {
        key: session.user
          ? `widget:user:${agent.publicId}:${session.user.sub}`
          : `widget:visitor:${agent.publicId}:${session.visitorId}`,
        limit: env.WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE,
        detail: "You're sending messages quickly. Please wait a moment and try again.",
      },
      {
        key: `widget:agent:${agent.publicId}`,
        limit: env.WIDGET_AGENT_RATE_LIMIT_PER_MINUTE,
        detail: "This assistant is very busy right now. Please try again in a minute.",
      },
    ];
  },
  { retryAfterInBody: true },
);
