import { AppError, type FieldError } from "@/lib/errors";
import { hasUnstorableText, TEXT_MESSAGE } from "./json-guard";

// Search and filter values reach SQL as parameters; Postgres refuses NUL and unpaired surrogates
// in text with a driver error. Rejecting them here makes that a 422 on the parameter, never a 5xx.

/** The parameters (names or values) holding text Postgres cannot take, each once. */
export function unstorableQueryParams(params: URLSearchParams): FieldError[] {
  const out: FieldError[] = [];
  for (const [name, value] of params) {
    if (hasUnstorableText(name) || hasUnstorableText(value)) {
      const path = hasUnstorableText(name) ? "(query)" : name;
      if (!out.some((e) => e.path === path)) out.push({ path, message: TEXT_MESSAGE });
    }
  }
  return out;
}

/** Throws 422 validation_failed when any query parameter holds unstorable text. */
export function assertStorableQuery(url: URL): void {
  const errors = unstorableQueryParams(url.searchParams);
  if (errors.length > 0)
    throw AppError.validation(errors, "A query parameter holds text that cannot be used.");
}
