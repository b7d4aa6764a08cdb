import type { z } from "zod";
import type { FieldError } from "@/lib/errors";

/** Flattens zod issues to `{ path, message }` with dotted paths; unknown keys get one entry each. */
export function fieldErrorsFromZod(error: z.ZodError, prefix: (string | number)[] = []): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ path: [...base, key].join("."), message: "Unknown field." });
      }
      continue;
    }
    out.push({ path: base.join(".") || "(body)", message: issue.message });
  }
  return out;
}

/** The same errors keyed by path, for inline form errors. */
export function fieldErrorMap(errors: FieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of errors) map[e.path] ??= e.message;
  return map;
}
