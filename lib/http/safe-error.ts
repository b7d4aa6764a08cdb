import { isAppError } from "@/lib/errors";

// What an unexpected error may put in a log line: its class, its code and a description we
// wrote, plus stack frames. Never the error's message when it can carry data: Drizzle's
// "Failed query: <sql> params: <values>" and Postgres' own messages (`invalid input syntax for
// type integer: "<value>"`) hold SQL, user input and internal ids.

type Chained = {
  name?: unknown;
  code?: unknown;
  constraint_name?: unknown;
  cause?: unknown;
  message?: unknown;
};

// SQLSTATE classes (the first two characters) as Postgres documents them.
const SQLSTATE_CLASSES: Record<string, string> = {
  "08": "connection exception",
  "22": "data exception",
  "23": "integrity constraint violation",
  "25": "invalid transaction state",
  "28": "invalid authorization",
  "40": "transaction rollback",
  "42": "syntax error or access rule violation",
  "53": "insufficient resources",
  "54": "program limit exceeded",
  "55": "object not in prerequisite state",
  "57": "operator intervention",
  "58": "system error",
  XX: "internal error",
};

function chain(e: unknown): Chained[] {
  const out: Chained[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    out.push(cur as Chained);
    cur = (cur as Chained).cause;
  }
  return out;
}

const className = (e: unknown): string =>
  e instanceof Error ? e.constructor.name || e.name : e === null ? "null" : typeof e;

const isSqlState = (code: string) => /^[0-9A-Z]{5}$/.test(code);

function looksLikeDatabase(links: Chained[]): boolean {
  return links.some(
    (l) =>
      (typeof l.name === "string" && /drizzle|postgres/i.test(l.name)) ||
      (typeof l.message === "string" && /failed query|\bparams:/i.test(l.message)) ||
      (typeof l.code === "string" && isSqlState(l.code)),
  );
}

/** Stack frames without the first line (which repeats the message). */
function frames(e: unknown): string | undefined {
  if (!(e instanceof Error) || typeof e.stack !== "string") return undefined;
  const lines = e.stack.split("\n").filter((l) => /^\s+at /.test(l));
  return lines.length > 0 ? lines.slice(0, 10).join("\n") : undefined;
}

export type SafeErrorFields = {
  error_class: string;
  error_code?: string;
  error: string;
  constraint?: string;
  stack?: string;
};

/** Log fields for any thrown value; safe to write whatever the error holds. */
export function safeErrorFields(e: unknown, opts: { stack?: boolean } = {}): SafeErrorFields {
  const links = chain(e);
  const code = links.map((l) => l.code).find((c): c is string => typeof c === "string");
  const constraint = links.map((l) => l.constraint_name).find((c): c is string => typeof c === "string");
  const causeClass = links.length > 1 ? className(links[links.length - 1]) : undefined;
  const fields: SafeErrorFields = {
    error_class: className(e),
    error: describeSafely(e, links, code, causeClass),
  };
  if (code) fields.error_code = code;
  if (constraint) fields.constraint = constraint;
  const stack = opts.stack ? frames(e) : undefined;
  if (stack) fields.stack = stack;
  return fields;
}

function describeSafely(e: unknown, links: Chained[], code: string | undefined, causeClass?: string): string {
  if (isAppError(e)) return e.message;
  if (looksLikeDatabase(links)) {
    const cls = code && isSqlState(code) ? SQLSTATE_CLASSES[code.slice(0, 2)] : undefined;
    const what = cls ? `database error (${cls})` : "database query failed";
    return causeClass ? `${what}; cause ${causeClass}` : what;
  }
  // Not from the database: the platform's messages (TypeError, fetch failed, ECONNREFUSED) name
  // code paths and hosts, not row values. Cut to one short line all the same.
  // A SyntaxError from JSON.parse quotes the text it was given.
  if (e instanceof SyntaxError) return "syntax error";
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  const first = message.split("\n")[0]?.slice(0, 200) ?? "";
  return first === "" ? "no description" : first;
}
