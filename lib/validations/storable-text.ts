import type { z } from "zod";

// Postgres cannot store U+0000 in text or jsonb, and jsonb rejects unpaired UTF-16 surrogates
// (JSON.parse happily produces both from "\u0000" / "\ud800" escapes). Catching them here turns
// what would be a database error (a 500) into a 422 on the exact field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what we reject
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function findUnstorableText(
  value: unknown,
  path: (string | number)[] = [],
  out: (string | number)[][] = [],
) {
  if (typeof value === "string") {
    if (UNSTORABLE.test(value)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      findUnstorableText(v, [...path, i], out);
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) out.push([...path, k]);
      findUnstorableText(v, [...path, k], out);
    }
  }
  return out;
}

/** A zod superRefine that reports every unstorable string (or key) at its own path. */
export function rejectUnstorableText(value: unknown, ctx: z.RefinementCtx) {
  for (const path of findUnstorableText(value)) {
    ctx.addIssue({
      code: "custom",
      path,
      message: "Text cannot contain NUL characters or unpaired surrogates.",
    });
  }
}
