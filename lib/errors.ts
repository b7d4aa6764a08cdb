// The one error type of the domain. Route handlers map it to RFC 9457 problem+json;
// server actions turn expected ones into form state.
export const ERROR_CATALOG = {
  invalid_json: { status: 400, title: "Invalid JSON" },
  invalid_idempotency_key: { status: 400, title: "Invalid idempotency key" },
  invalid_cursor: { status: 400, title: "Invalid cursor" },
  bad_request: { status: 400, title: "Bad request" },
  unauthenticated: { status: 401, title: "Authentication required" },
  insufficient_scope: { status: 403, title: "Insufficient scope" },
  forbidden: { status: 403, title: "Forbidden" },
  organization_mismatch: { status: 403, title: "Organization mismatch" },
  plan_limit_reached: { status: 403, title: "Plan limit reached" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  name_conflict: { status: 409, title: "Name already in use" },
  conflict: { status: 409, title: "Conflict" },
  optimization_in_progress: { status: 409, title: "Optimization already in progress" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  validation_failed: { status: 422, title: "Validation failed" },
  idempotency_key_reused: { status: 422, title: "Idempotency key reused" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal_error: { status: 500, title: "Internal error" },
  service_unavailable: { status: 503, title: "Service unavailable" },
  llm_not_configured: { status: 503, title: "LLM not configured" },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    detail?: string,
    opts: { extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? ERROR_CATALOG[code].title);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.extra = opts.extra ?? {};
    this.headers = opts.headers ?? {};
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
