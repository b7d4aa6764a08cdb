import { AppError, ERROR_CATALOG, type ErrorCode, problemType } from "@/lib/errors";

/** Where an error becomes a response: status, title and headers come from ERROR_CATALOG. */
export function problemResponse(
  err: AppError,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  const status = ERROR_CATALOG[err.code].status;
  const body = {
    type: problemType(err.code),
    title: ERROR_CATALOG[err.code].title,
    status,
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
  return new Response(JSON.stringify(body), { status, headers: h });
}

export function problem(code: ErrorCode, detail: string | undefined, requestId: string): Response {
  return problemResponse(new AppError(code, detail), requestId);
}
