// The one error type of the domain and the catalog that maps its codes to HTTP. Route
// handlers write RFC 9457 problem+json from it; server actions turn expected ones into form state.

// A header an error contributes where its response is written (never set by the domain).
type HeaderRule = (e: AppError) => Record<string, string>;
const retryAfter: HeaderRule = (e): Record<string, string> =>
  e.retryAfterSeconds === undefined ? {} : { "Retry-After": String(e.retryAfterSeconds) };
const bearerChallenge: HeaderRule = () => ({ "WWW-Authenticate": 'Bearer realm="youragent"' });

type CatalogEntry = { status: number; title: string; headers?: HeaderRule };

export const ERROR_CATALOG = {
  invalid_json: { status: 400, title: "Invalid JSON" },
  invalid_idempotency_key: { status: 400, title: "Invalid idempotency key" },
  invalid_cursor: { status: 400, title: "Invalid cursor" },
  bad_request: { status: 400, title: "Bad request" },
  unauthenticated: { status: 401, title: "Authentication required", headers: bearerChallenge },
  insufficient_scope: { status: 403, title: "Insufficient scope" },
  forbidden: { status: 403, title: "Forbidden" },
  organization_mismatch: { status: 403, title: "Organization mismatch" },
  plan_limit_reached: { status: 403, title: "Plan limit reached" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  name_conflict: { status: 409, title: "Name already in use" },
  conflict: { status: 409, title: "Conflict", headers: retryAfter },
  optimization_in_progress: { status: 409, title: "Optimization already in progress" },
  eval_run_in_progress: { status: 409, title: "Evaluation run already in progress" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  validation_failed: { status: 422, title: "Validation failed" },
  idempotency_key_reused: { status: 422, title: "Idempotency key reused" },
  rate_limited: { status: 429, title: "Too many requests", headers: retryAfter },
  internal_error: { status: 500, title: "Internal error" },
  service_unavailable: { status: 503, title: "Service unavailable", headers: retryAfter },
  llm_not_configured: { status: 503, title: "LLM not configured" },
  quota_exhausted: { status: 429, title: "Monthly message limit reached", headers: retryAfter },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export type FieldError = { path: string; message: string };

/**
 * A domain error: a code, a detail, extras for the problem body and, for errors a client
 * should retry, how long to wait. HTTP status and headers are looked up in the catalog.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly extra: Record<string, unknown>;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    opts: { extra?: Record<string, unknown>; retryAfterSeconds?: number } = {},
  ) {
    super(detail ?? ERROR_CATALOG[code].title);
    this.name = "AppError";
    this.code = code;
    this.extra = opts.extra ?? {};
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  /** The catalog's HTTP status for this error's code. */
  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }

  /** The catalog's response headers for this error (e.g. Retry-After). */
  get headers(): Record<string, string> {
    const entry: CatalogEntry = ERROR_CATALOG[this.code];
    return entry.headers?.(this) ?? {};
  }

  static validation(errors: FieldError[], detail = "The request has invalid fields.") {
    return new AppError("validation_failed", detail, { extra: { errors } });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function problemType(code: ErrorCode): string {
  return `https://youragent.dev/problems/${code.replaceAll("_", "-")}`;
}
