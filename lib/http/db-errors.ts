import { AppError } from "@/lib/errors";

// Maps Postgres / driver failures to the API's contract: unreachable or timed out → 503,
// lock not available → 409; both with Retry-After. Anything else stays unknown (→ opaque 500).
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "08000",
  "08003",
  "08006",
  "08001",
  "08004",
]);

type PgLike = { code?: string; errno?: string; constraint_name?: string; cause?: unknown };

function pgError(e: unknown): PgLike | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const c = cur as PgLike;
    if (typeof c.code === "string") return c;
    cur = c.cause;
  }
  return undefined;
}

/**
 * A log-safe one-liner for a database failure: the driver's code and message, never the SQL
 * text or its parameters (Drizzle's "Failed query: …" wraps both, with internal ids and user input).
 */
export function describeDatabaseError(e: unknown): string {
  if (e instanceof DeadlineExceededError) return e.message;
  const pe = pgError(e) as (PgLike & { message?: string }) | undefined;
  if (!pe) return e instanceof Error ? e.name : "unknown error";
  const message = typeof pe.message === "string" ? pe.message.split("\n")[0] : "";
  return `${pe.code}: ${message}`.slice(0, 300);
}

export function pgErrorCode(e: unknown): string | undefined {
  return pgError(e)?.code;
}

export function pgConstraint(e: unknown): string | undefined {
  return pgError(e)?.constraint_name;
}

/** The one-statement agent create's guard said no (drizzle/0016_agent-create-guard.sql). */
export function isCreateRefused(e: unknown): boolean {
  return pgErrorCode(e) === "YA001";
}

export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const pe = pgError(e);
  return pe?.code === "23505" && (!constraint || pe.constraint_name === constraint);
}

export function mapDatabaseError(e: unknown): AppError | undefined {
  if (e instanceof DeadlineExceededError) {
    return new AppError("service_unavailable", "The database did not answer in time. Retry shortly.", {
      retryAfterSeconds: 2,
    });
  }
  const code = pgErrorCode(e);
  if (!code) return undefined;
  if (code === "55P03") {
    return new AppError("conflict", "The resource is locked by another operation. Retry shortly.", {
      retryAfterSeconds: 1,
    });
  }
  if (code === "57014" || code === "25P03") {
    return new AppError("service_unavailable", "The database did not answer in time. Retry shortly.", {
      retryAfterSeconds: 2,
    });
  }
  if (CONNECTION_CODES.has(code)) {
    return new AppError("service_unavailable", "The database is unreachable. Retry shortly.", {
      retryAfterSeconds: 5,
    });
  }
  return undefined;
}

export class DeadlineExceededError extends Error {
  constructor() {
    super("request deadline exceeded");
    this.name = "DeadlineExceededError";
  }
}

/** Bounds a request's database work: postgres.js waits for a pool connection forever otherwise. */
export async function withDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError()), ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
