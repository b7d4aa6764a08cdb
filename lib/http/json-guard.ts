import { AppError, type FieldError } from "@/lib/errors";

// The shape every JSON door accepts, checked right after JSON.parse and before any meaning is
// read: deep or wide input costs stack and CPU in every later step (zod, stringify, jsonb), so it
// is refused here. The walk keeps its own stack, so no input can overflow the call stack.
export const MAX_JSON_DEPTH = 32;
export const MAX_OBJECT_KEYS = 1_000;
// No field of ours takes a long list; 10,000 leaves room for any real array in a 256 KiB body.
export const MAX_ARRAY_ITEMS = 10_000;
// One answer lists a few problems, not one per offending string of a hostile body.
const MAX_REPORTED = 20;

export const TEXT_MESSAGE = "Text cannot contain NUL characters or unpaired surrogates.";

// Postgres stores neither U+0000 nor an unpaired UTF-16 surrogate in text or jsonb.
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what we reject
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when Postgres could not store the string (NUL or an unpaired surrogate). */
export function hasUnstorableText(s: string): boolean {
  return UNSTORABLE.test(s);
}

export type JsonPath = (string | number)[];
export type JsonProblem = { path: JsonPath; message: string };
// `key` is set when the frame's own key must be checked too (document order: key, then value).
type Frame = { value: unknown; path: JsonPath; depth: number; key?: string };

/**
 * Every problem of a parsed JSON value, up to a few: too deep, too many keys, too many items
 * and (with `text`) unstorable strings or keys. Iterative; each container is visited once.
 */
export function findJsonProblems(value: unknown, opts: { text?: boolean } = {}): JsonProblem[] {
  const out: JsonProblem[] = [];
  const stack: Frame[] = [{ value, path: [], depth: 0 }];
  while (stack.length > 0 && out.length < MAX_REPORTED) {
    const { value: v, path, depth, key } = stack.pop() as Frame;
    if (key !== undefined && hasUnstorableText(key)) out.push({ path, message: TEXT_MESSAGE });
    if (typeof v === "string") {
      if (opts.text && hasUnstorableText(v)) out.push({ path, message: TEXT_MESSAGE });
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) {
      out.push({ path, message: `JSON may nest at most ${MAX_JSON_DEPTH} levels.` });
      continue;
    }
    if (Array.isArray(v)) {
      if (v.length > MAX_ARRAY_ITEMS) {
        out.push({ path, message: `An array may hold at most ${MAX_ARRAY_ITEMS} items.` });
        continue;
      }
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: [...path, i], depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > MAX_OBJECT_KEYS) {
      out.push({ path, message: `An object may have at most ${MAX_OBJECT_KEYS} keys.` });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      // JSON.parse makes "__proto__" an own key; any later copy by assignment would set a prototype.
      if (k === "__proto__") out.push({ path: [...path, k], message: "The key __proto__ is not allowed." });
      const frame: Frame = { value: (v as Record<string, unknown>)[k], path: [...path, k], depth: depth + 1 };
      if (opts.text) frame.key = k;
      stack.push(frame);
    }
  }
  return out.slice(0, MAX_REPORTED);
}

/** Dotted path as the API reports it; the whole body is "(body)". */
export function dottedPath(path: JsonPath): string {
  return path.length === 0 ? "(body)" : path.map((p) => (p === "" ? '""' : String(p))).join(".");
}

/** Throws 422 validation_failed (with each offending path) unless the parsed body is acceptable. */
export function assertAcceptableJson(value: unknown): void {
  const problems = findJsonProblems(value, { text: true });
  if (problems.length === 0) return;
  const errors: FieldError[] = problems.map((p) => ({ path: dottedPath(p.path), message: p.message }));
  throw AppError.validation(
    errors,
    "The request body is too deep, too wide or holds text that cannot be stored.",
  );
}

/** True when a value is small enough in shape to serialize or walk recursively. */
export function hasSafeShape(value: unknown): boolean {
  return findJsonProblems(value).length === 0;
}

/** A zod superRefine for free-form JSON fields: each shape problem at its own path. */
export function rejectUnsafeShape(
  value: unknown,
  ctx: { addIssue: (issue: { code: "custom"; path: JsonPath; message: string }) => void },
) {
  for (const p of findJsonProblems(value)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
}

/** UTF-8 size of the value as JSON, or Infinity when its shape is unsafe to serialize. */
export function jsonByteLength(value: unknown): number {
  return hasSafeShape(value)
    ? Buffer.byteLength(JSON.stringify(value) ?? "", "utf8")
    : Number.POSITIVE_INFINITY;
}
