import type { ZodContentObject } from "@asteasolutions/zod-to-openapi";
import type { ZodType } from "zod";
import { ERROR_CATALOG, type ErrorCode, problemType } from "@/lib/errors";
import { problemSchema } from "./resources";

// Reusable response entries for registerPath.

const PROBLEM_DESCRIPTIONS: Partial<Record<ErrorCode, string>> = {
  unauthenticated:
    "Missing, malformed, unknown, revoked or expired API key (with `WWW-Authenticate: Bearer`).",
  insufficient_scope: "The key lacks the scope this route needs.",
  organization_mismatch: "`organization_id` does not name the key's own organization.",
  not_found: "Unknown id, or an id of another organization.",
  validation_failed: "Invalid fields; `errors` lists each one with its path.",
  rate_limited: "Too many requests for this key; see `Retry-After` and the `RateLimit-*` headers.",
  service_unavailable: "The database is unreachable or timed out; retry after `Retry-After` seconds.",
};

function problemExample(code: ErrorCode) {
  return {
    type: problemType(code),
    title: ERROR_CATALOG[code].title,
    status: ERROR_CATALOG[code].status,
    code,
    detail: PROBLEM_DESCRIPTIONS[code] ?? ERROR_CATALOG[code].title,
    request_id: "req_3f2a1c9e8b7d4a60",
    ...(code === "validation_failed"
      ? { errors: [{ path: "widget_config.position", message: "Invalid option" }] }
      : {}),
    ...(code === "plan_limit_reached" ? { limit: 3, used: 3, plan: "free" } : {}),
  };
}

/** What every keyed API route can answer, whatever it does. */
const KEYED_ROUTE_CODES: ErrorCode[] = ["unauthenticated", "rate_limited", "service_unavailable"];

/** One response per status; codes sharing a status are listed in its description. */
export function problems(...codes: ErrorCode[]) {
  return problemResponses([...codes, ...KEYED_ROUTE_CODES]);
}

/** Exactly these codes: for public routes without a key, a rate limit or a database. */
export function problemResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) {
    const s = ERROR_CATALOG[c].status;
    const list = byStatus.get(s) ?? [];
    if (!list.includes(c)) list.push(c);
    byStatus.set(s, list);
  }
  const out: Record<number, { description: string; content: ZodContentObject }> = {};
  for (const [status, list] of byStatus) {
    out[status] = {
      description: list
        .map((c) => `\`${c}\`: ${PROBLEM_DESCRIPTIONS[c] ?? ERROR_CATALOG[c].title}`)
        .join(" "),
      content: {
        "application/problem+json": {
          schema: problemSchema,
          examples: Object.fromEntries(list.map((c) => [c, { value: problemExample(c) }])),
        },
      },
    };
  }
  return out;
}

export function jsonContent(schema: ZodType<unknown>, example?: unknown): ZodContentObject {
  return { "application/json": { schema, ...(example !== undefined ? { example } : {}) } };
}

// The standard answers of a resource addressed by id (its own, or its parent's): the id may be
// unknown or another organization's, so each also answers `not_found`.

/** 200 with the resource. */
export function resourceResponses(description: string, schema: ZodType<unknown>, example?: unknown) {
  return {
    200: { description, content: jsonContent(schema, example) },
    ...problems("insufficient_scope", "not_found"),
  };
}

/** 204 of a delete. */
export function deletedResponses() {
  return { 204: { description: "Deleted." }, ...problems("insufficient_scope", "not_found") };
}

/** The 201 of an idempotent create: `Location` names the new resource; a replay says it is one. */
export function createdResponse(description: string, location: string, content: ZodContentObject) {
  return {
    description,
    headers: {
      Location: { schema: { type: "string" as const }, description: location },
      "Idempotent-Replayed": { schema: { type: "string" as const, enum: ["true"] } },
    },
    content,
  };
}
