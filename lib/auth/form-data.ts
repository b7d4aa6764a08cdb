import { z } from "zod";
import type { AppError, FieldError } from "@/lib/errors";

/** FormData → plain object; a key sent several times (checkboxes) becomes an array. Files are dropped. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function toArray(v: unknown): unknown {
  return v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v];
}

/** For checkbox groups: none checked → [], one → [v], many → [..], then `schema`. */
export function formList<T extends z.ZodType>(schema: T) {
  return z.preprocess(toArray, schema);
}

/** For single checkboxes: present ("on") → true, absent → false. */
export const formCheckbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Echo back what the user typed (not passwords) so a failed form keeps its values. */
export function echoValues(input: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (/password|secret/i.test(k)) continue;
    out[k] = Array.isArray(v) ? v.join(",") : v;
  }
  return out;
}

/** zod issues → { field: first message }. */
export function fieldErrorsFrom(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The failed-submit state of a form whose fields did not parse: the message, per-field errors, echo. */
export function invalidFormState(
  error: string,
  zodError: z.ZodError,
  values: Record<string, string>,
): { ok: false; error: string; fieldErrors: Record<string, string>; values: Record<string, string> } {
  return { ok: false, error, fieldErrors: fieldErrorsFrom(zodError), values };
}

/** The failed-submit state of a form whose use case refused: its message and any field errors. */
export function appErrorFormState(
  e: AppError,
  values?: Record<string, string>,
): { ok: false; error: string; fieldErrors?: Record<string, string>; values?: Record<string, string> } {
  const errors = e.extra.errors as FieldError[] | undefined;
  const fieldErrors = errors ? Object.fromEntries(errors.map((x) => [x.path, x.message])) : undefined;
  return { ok: false, error: e.message, fieldErrors, values };
}
