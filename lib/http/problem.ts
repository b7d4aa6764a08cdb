import { AppError, ERROR_CATALOG, type ErrorCode, problemType } from "@/lib/errors";

export function problemResponse(
  err: AppError,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  const body = {
    type: problemType(err.code),
    title: ERROR_CATALOG[err.code].title,
    status: err.status,
    code: err.code,
    detail: err.message,
    request_id: requestId,
    ...err.extra,
  };
  const h: Record<string, string> = {
    "Content-Type": "application/problem+json",
    "Cache-Control": "no-store",
    "X-Request-Id": requestId,
    ...err.headers,
    ...headers,
  };
  if (err.code === "unauthenticated") h["WWW-Authenticate"] ??= 'Bearer realm="youragent"';
  return new Response(JSON.stringify(body), { status: err.status, headers: h });
}

export function problem(code: ErrorCode, detail: string | undefined, requestId: string): Response {
  return problemResponse(new AppError(code, detail), requestId);
}
