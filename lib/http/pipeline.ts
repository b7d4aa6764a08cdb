import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { describeDatabaseError, mapDatabaseError } from "@/lib/http/db-errors";
import { problemResponse } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";
import { safeErrorFields } from "@/lib/http/safe-error";
import { log } from "@/lib/logger";
import { fieldErrorsFromZod } from "@/lib/validations/zod-errors";

// Every route handler (API, widget, health) is built from small named steps that a route
// lists, each of which may add typed fields to the context the handler receives:
//
//   export const GET = api.use(scope("agents:read")).handle("GET /api/v1/agents", async (ctx) => …)
//
// A step runs around the rest of the pipeline: `next(add)` runs the following steps and the
// handler with `add` merged into the context, and always returns a Response (a failure
// further in is already a problem+json), so a step can decorate every answer (CORS,
// RateLimit-*, statement count).

/** What every request has before any step runs. */
export type BaseContext = {
  req: Request;
  url: URL;
  requestId: string;
  route: string;
  /** The route's dynamic segments, resolved before the first step; typed at `handle<P>`. */
  params: unknown;
  /** Headers every answer of this request carries, even a failure further in (RateLimit-*). */
  responseHeaders: Record<string, string>;
  /** Fields for the request's one log line; steps add theirs (key id, statement count). */
  log: Record<string, unknown>;
};

export type Nothing = Record<never, never>;

export type Step<C, Add = Nothing> = (ctx: C, next: (add: Add) => Promise<Response>) => Promise<Response>;

type RouteContext<P> = { params: Promise<P> };
// biome-ignore lint/suspicious/noExplicitAny: steps are typed where they are listed, erased here
type AnyStep = Step<any, any>;

export class Pipeline<C extends BaseContext> {
  constructor(private readonly steps: readonly AnyStep[] = []) {}

  use<Add>(step: Step<C, Add>): Pipeline<C & Add> {
    return new Pipeline<C & Add>([...this.steps, step as AnyStep]);
  }

  /** The route handler Next.js calls; `route` names the route in logs. */
  handle<P = Record<string, string | string[]>>(
    route: string,
    handler: (ctx: Omit<C, "params"> & { params: P }) => Promise<Response>,
  ): (req: Request, routeCtx?: RouteContext<P>) => Promise<Response> {
    const steps = this.steps;
    return async (req, routeCtx) => {
      const started = performance.now();
      const requestId = requestIdFrom(req.headers);
      const base: BaseContext = {
        req,
        url: new URL(req.url),
        requestId,
        route,
        params: {},
        responseHeaders: {},
        log: {},
      };
      const run = async (i: number, ctx: BaseContext): Promise<Response> => {
        try {
          if (i === 0 && routeCtx) ctx.params = await routeCtx.params;
          const step = steps[i];
          if (step) return await step(ctx, (add: object) => run(i + 1, { ...ctx, ...add }));
          return await handler(ctx as unknown as Omit<C, "params"> & { params: P });
        } catch (e) {
          return errorResponse(e, ctx);
        }
      };
      const res = await run(0, base);
      res.headers.set("X-Request-Id", requestId);
      for (const [k, v] of Object.entries(base.responseHeaders)) res.headers.set(k, v);
      log("info", "request", {
        request_id: requestId,
        method: req.method,
        route,
        status: res.status,
        duration_ms: Math.round(performance.now() - started),
        ...base.log,
      });
      return res;
    };
  }
}

/** The empty pipeline every route family starts from. */
export const pipeline = new Pipeline<BaseContext>();

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

export function errorResponse(
  e: unknown,
  ctx: Pick<BaseContext, "requestId" | "route">,
  headers: Record<string, string> = {},
): Response {
  return problemResponse(toAppError(e, ctx.requestId, ctx.route), ctx.requestId, headers);
}

/** A JSON answer; `no-store` unless the route says otherwise. */
export function json(
  data: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return jsonText(JSON.stringify(data), init);
}

/** The same answer from JSON text built elsewhere (e.g. by Postgres), passed through as is. */
export function jsonText(
  text: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(text, {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...init.headers },
  });
}

/** 204 without a body. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
