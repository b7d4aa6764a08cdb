import { toAppError } from "@/lib/api/handler";
import { getEnv } from "@/lib/env";
import { withDeadline } from "@/lib/http/db-errors";
import { problemResponse } from "@/lib/http/problem";
import { assertStorableQuery } from "@/lib/http/query-guard";
import { requestIdFrom } from "@/lib/http/request-id";
import { log } from "@/lib/logger";

export type WidgetContext<P> = { req: Request; requestId: string; params: P };

/**
 * The public widget endpoints' wrapper (no API key: widget.js and the embed page call them):
 * request id, a deadline on the work before the response starts (a stream runs past it),
 * problem+json for every failure, one log line. Tokens are never logged.
 */
export function widgetRoute<P = Record<string, never>>(
  route: string,
  handler: (ctx: WidgetContext<P>) => Promise<Response>,
  opts: { cors?: boolean } = {},
) {
  return async (req: Request, routeCtx: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    let res: Response;
    try {
      assertStorableQuery(new URL(req.url));
      const params = (await routeCtx.params) as P;
      res = await withDeadline(getEnv().REQUEST_DEADLINE_MS, () => handler({ req, requestId, params }));
    } catch (e) {
      res = problemResponse(toAppError(e, requestId, route), requestId);
    }
    res.headers.set("X-Request-Id", requestId);
    // Public display data only, never with credentials: any host page may read it.
    if (opts.cors) res.headers.set("Access-Control-Allow-Origin", "*");
    log("info", "request", {
      request_id: requestId,
      method: req.method,
      route,
      status: res.status,
      duration_ms: Math.round(performance.now() - started),
    });
    return res;
  };
}
