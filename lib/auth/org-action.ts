import "server-only";
import type { z } from "zod";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/logger";
import { MESSAGES } from "@/lib/messages";
import type { ActionState } from "./action-state";
import { appErrorFormState, echoValues, formDataToObject, invalidFormState } from "./form-data";
import { getCurrentUser, hasRole, type OrgContext, type Role, resolveOrgContext } from "./org-context";

export type { ActionState } from "./action-state";

/**
 * Wraps a dashboard mutation: session → membership of the org named by the hidden `org` field →
 * role → zod parse → fn. Expected failures (AppError, validation) come back as state;
 * anything else (including redirect()) propagates.
 */
export function orgAction<S extends z.ZodType>(
  schema: S,
  fn: (
    data: z.output<S>,
    ctx: OrgContext,
    formData: FormData,
  ) => Promise<ActionState | undefined | undefined>,
  opts: { roles?: Role[] } = {},
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const raw = formDataToObject(formData);
    const values = echoValues(raw);
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: MESSAGES.sessionEnded, values };
    const slug = typeof raw.org === "string" ? raw.org : "";
    const ctx = await resolveOrgContext(user, slug);
    if (!ctx) return { ok: false, error: "Organization not found.", values };
    if (!hasRole(ctx, opts.roles)) {
      return {
        ok: false,
        error: `Only ${opts.roles?.join(" or ")}s of ${ctx.org.name} can do this. Ask an admin.`,
        values,
      };
    }
    const { org: _org, ...input } = raw;
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalidFormState(MESSAGES.fixHighlightedFields, parsed.error, values);
    try {
      return (await fn(parsed.data, ctx, formData)) ?? { ok: true };
    } catch (e) {
      if (isAppError(e)) {
        if (e.status >= 500) log("error", "action failed", { code: e.code });
        return appErrorFormState(e, values);
      }
      throw e;
    }
  };
}
