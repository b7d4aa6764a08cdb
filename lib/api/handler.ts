import { z } from "zod";
import { runWithStatementCounter } from "@/db/query-counter";
import {
  type ApiKeyPrincipal,
  authenticateApiKey,
  checkOrganizationParam,
  requireScope,
} from "@/lib/api-keys/authenticate";
import type { ApiKeyScope } from "@/lib/api-keys/format";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { describeDatabaseError, mapDatabaseError, withDeadline } from "@/lib/http/db-errors";
import { problemResponse } from "@/lib/http/problem";
import { assertStorableQuery } from "@/lib/http/query-guard";
import { requestIdFrom } from "@/lib/http/request-id";
import { safeErrorFields } from "@/lib/http/safe-error";
import { log } from "@/lib/logger";
import { rateLimitHeaders, rateLimitStore } from "@/lib/rate-limit";
import { fieldErrorsFromZod } from "@/lib/validations/zod-errors";

export type ApiContext<P> = {
  req: Request;
  url: URL;
  requestId: string;
  params: P;
  principal: ApiKeyPrincipal;
};

type RouteContext<P> = { params: Promise<P> };

/** Turns any thrown value into the API's error contract; unknown errors are opaque. */
export function toAppError(e: unknown, requestId: string, route: string): AppError {
  if (isAppError(e)) return e;
  if (e instanceof z.ZodError) return AppError.validation(fieldErrorsFromZod(e));
  const mapped = mapDatabaseError(e);
  if (mapped) {
    log("warn", "database unavailable", { request_id: requestId, route, error: describeDatabaseError(e) });
    return mapped;
  }
  log("error", "unhandled error", {
    request_id: requestId,
    route,
    ...safeErrorFields(e, { stack: true }),
  });
  return new AppError(
    "internal_error",
    "Something went wrong on our side. Quote the request id if you contact us.",
  );
}

export function json(
  data: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...init.headers },
  });
}

/**
 * The public API's one wrapper: request id → API key → scope → org param → rate limit →
 * handler under a deadline → problem+json for every failure → one log line.
 */
export function apiRoute<P = Record<string, never>>(
  opts: { scope: ApiKeyScope; route: string },
  handler: (ctx: ApiContext<P>) => Promise<Response>,
) {
  return async (req: Request, routeCtx: RouteContext<P>): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    const env = getEnv();
    let extraHeaders: Record<string, string> = {};
    let keyId: string | undefined;
    const { result, counter } = runWithStatementCounter(async () => {
      try {
        return await withDeadline(env.REQUEST_DEADLINE_MS, async () => {
          const url = new URL(req.url);
          const principal = await authenticateApiKey(req);
          keyId = principal.keyId;
          const rl = await rateLimitStore().hit(
            `api:${principal.keyId}`,
            env.API_RATE_LIMIT_PER_MINUTE,
            60_000,
          );
          extraHeaders = rateLimitHeaders(rl);
          if (!rl.allowed) {
            throw new AppError("rate_limited", "Too many requests for this API key. Slow down and retry.", {
              headers: { "Retry-After": String(rl.resetSeconds) },
            });
          }
          requireScope(principal, opts.scope);
          assertStorableQuery(url);
          checkOrganizationParam(principal, url);
          const params = (await routeCtx.params) as P;
          return await handler({ req, url, requestId, params, principal });
        });
      } catch (e) {
        return problemResponse(toAppError(e, requestId, opts.route), requestId);
      }
    });
    const res = await result;
    res.headers.set("X-Request-Id", requestId);
    for (const [k, v] of Object.entries(extraHeaders)) res.headers.set(k, v);
    if (env.EXPOSE_STATEMENT_COUNT === "1") res.headers.set("X-Statement-Count", String(counter.statements));
    log("info", "request", {
      request_id: requestId,
      method: req.method,
      route: opts.route,
      status: res.status,
      duration_ms: Math.round(performance.now() - started),
      key_id: keyId,
      statements: counter.statements,
    });
    return res;
  };
}
