import type { z } from "zod";
import { runWithStatementCounter } from "@/db/query-counter";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { withDeadline } from "@/lib/http/db-errors";
import type { BaseContext, Step } from "@/lib/http/pipeline";
import { errorResponse } from "@/lib/http/pipeline";
import { assertStorableQuery } from "@/lib/http/query-guard";
import { type RateLimitResult, rateLimitHeaders, rateLimitStore } from "@/lib/rate-limit";
import { hitPair } from "@/lib/rate-limit/pair";
import { isPublicId } from "@/lib/validations/public-id";

// The general steps a route lists (see lib/http/pipeline.ts). Credential steps live with
// their credential: lib/api/route.ts (API key, scope), lib/widget/route.ts (widget session).

/** NUL or a lone surrogate in any query parameter is a 422 on it, never a driver 5xx. */
export const storableQuery: Step<BaseContext> = (ctx, next) => {
  assertStorableQuery(ctx.url);
  return next({});
};

/** Counts this request's SQL statements for the log line (and a header when the bench asks). */
export const countStatements: Step<BaseContext> = async (ctx, next) => {
  const { result, counter } = runWithStatementCounter(() => next({}));
  const res = await result;
  ctx.log.statements = counter.statements;
  if (getEnv().EXPOSE_STATEMENT_COUNT === "1")
    res.headers.set("X-Statement-Count", String(counter.statements));
  return res;
};

/**
 * Bounds the work before the response starts (postgres.js waits for a pool connection
 * forever otherwise); a streamed body runs past it.
 */
export const deadline: Step<BaseContext> = (_ctx, next) =>
  withDeadline(getEnv().REQUEST_DEADLINE_MS, () => next({}));

/** Public display data only, never with credentials: any host page may read it. */
export const publicCors: Step<BaseContext> = (ctx, next) => {
  ctx.responseHeaders["Access-Control-Allow-Origin"] = "*";
  return next({});
};

/** The JSON body: content type, size cap, parse (and the shape guard), then the schema. */
export function jsonBody<S extends z.ZodType>(
  schema: S,
  opts: { maxBytes?: number } = {},
): Step<BaseContext, { body: z.infer<S> }> {
  return async (ctx, next) => next({ body: schema.parse(await readJsonBody(ctx.req, opts.maxBytes)) });
}

/** A JSON body handed on unparsed, for a door that must check something before the schema. */
export function rawJsonBody(opts: { maxBytes?: number } = {}): Step<BaseContext, { body: unknown }> {
  return async (ctx, next) => next({ body: await readJsonBody(ctx.req, opts.maxBytes) });
}

export type RateLimitRule = { key: string; limit: number; detail: string };

/**
 * Fixed windows through the RateLimitStore, checked in order (a denied rule stops the rest).
 * `headers`: announce RateLimit-* on every answer; `retryAfterInBody`: also put the wait in
 * the problem body (the widget script reads it).
 */
export function rateLimit<C extends BaseContext>(
  rules: (ctx: C) => RateLimitRule[],
  opts: { headers?: boolean; retryAfterInBody?: boolean } = {},
): Step<C> {
  return async (ctx, next) => {
    const list = rules(ctx);
    for (const [i, rl] of (await hitRules(list)).entries()) {
      const rule = list[i] as RateLimitRule;
      if (opts.headers) Object.assign(ctx.responseHeaders, rateLimitHeaders(rl));
      if (!rl.allowed) {
        const extra = opts.retryAfterInBody ? { retry_after: rl.resetSeconds } : undefined;
        return errorResponse(
          new AppError("rate_limited", rule.detail, { extra, retryAfterSeconds: rl.resetSeconds }),
          ctx,
        );
      }
    }
    return next({});
  };
}

/**
 * Each rule counts only when the ones before it allowed the request (a visitor past its own limit
 * spends nothing of the agent's); two rules go to the store in one round trip when it can.
 */
async function hitRules(list: RateLimitRule[]): Promise<RateLimitResult[]> {
  const store = rateLimitStore();
  if (list.length === 2) {
    const [a, b] = list as [RateLimitRule, RateLimitRule];
    const pair = await hitPair(
      store,
      { key: a.key, limit: a.limit, windowMs: 60_000 },
      { key: b.key, limit: b.limit, windowMs: 60_000 },
    );
    return pair.filter((r): r is RateLimitResult => r !== undefined);
  }
  const results: RateLimitResult[] = [];
  for (const rule of list) {
    const rl = await store.hit(rule.key, rule.limit, 60_000);
    results.push(rl);
    if (!rl.allowed) break;
  }
  return results;
}

/** A UUID route segment; a malformed one cannot name anything, so it is a 404 without a query. */
export function publicIdParam<K extends string>(
  segment: string,
  as: K,
  notFoundDetail: string,
): Step<BaseContext, Record<K, string>> {
  return (ctx, next) => {
    const raw = (ctx.params as Record<string, string>)[segment] ?? "";
    if (!isPublicId(raw)) throw new AppError("not_found", notFoundDetail);
    return next({ [as]: raw.toLowerCase() } as Record<K, string>);
  };
}
