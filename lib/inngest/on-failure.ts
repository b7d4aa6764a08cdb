import type { z } from "zod";

/** What Inngest hands a function's onFailure: the failed run's original event and its last error. */
export type FailureContext = { event: { data: { event: { data: unknown } } }; error: Error };
export type FailureResult = { status: "ignored" | "failed" | "unchanged" };

/**
 * The onFailure handler of a function triggered by `schema`'s event. It runs after the last retry
 * (or a NonRetriableError) and hands `fail` the original event's data and the error; an event that
 * does not parse is ignored. `fail` must be conditional, so work the function already ended stays.
 */
export function onFailureOf<S extends z.ZodType>(
  schema: S,
  fail: (data: z.output<S>, error: Error) => Promise<FailureResult>,
): (ctx: FailureContext) => Promise<FailureResult> {
  return async ({ event, error }) => {
    const original = schema.safeParse(event.data.event.data);
    if (!original.success) return { status: "ignored" };
    return fail(original.data, error);
  };
}
