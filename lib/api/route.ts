import {
  type ApiKeyPrincipal,
  authenticateApiKey,
  checkOrganizationParam,
  requireScope,
} from "@/lib/api-keys/authenticate";
import type { ApiKeyScope } from "@/lib/api-keys/format";
import { getEnv } from "@/lib/env";
import { type BaseContext, pipeline, type Step } from "@/lib/http/pipeline";
import { countStatements, deadline, rateLimit, storableQuery } from "@/lib/http/steps";

// The public API's steps: request id → statement count → deadline → API key → rate limit →
// scope → query guard → organization param; a route adds its own (body, id) and a handler.

export type ApiContext = BaseContext & { principal: ApiKeyPrincipal };

/** The credential: `Authorization: Bearer ya_live_…`, looked up and checked. */
export const apiKey: Step<BaseContext, { principal: ApiKeyPrincipal }> = async (ctx, next) => {
  const principal = await authenticateApiKey(ctx.req);
  ctx.log.key_id = principal.keyId;
  return next({ principal });
};

/** Per key, announced in RateLimit-* headers on every answer. */
export const apiKeyRateLimit = rateLimit<ApiContext>(
  (ctx) => [
    {
      key: `api:${ctx.principal.keyId}`,
      limit: getEnv().API_RATE_LIMIT_PER_MINUTE,
      detail: "Too many requests for this API key. Slow down and retry.",
    },
  ],
  { headers: true },
);

export function scope(required: ApiKeyScope): Step<ApiContext> {
  return (ctx, next) => {
    requireScope(ctx.principal, required);
    return next({});
  };
}

/** The compatibility `organization_id` query parameter must name the key's own org. */
export const organizationParam: Step<ApiContext> = (ctx, next) => {
  checkOrganizationParam(ctx.principal, ctx.url);
  return next({});
};

/** Every API route starts here with the scope it needs. */
export function api(required: ApiKeyScope) {
  return pipeline
    .use(countStatements)
    .use(deadline)
    .use(apiKey)
    .use(apiKeyRateLimit)
    .use(scope(required))
    .use(storableQuery)
    .use(organizationParam);
}
