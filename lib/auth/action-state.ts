// Shared by server actions and the client forms that render their result (no server-only imports).
export type ActionState =
  | { ok: true; message?: string; data?: unknown }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

export const initialActionState: ActionState = { ok: true };

/** The submitted value to show again after a failed submit, else the default. */
export function submittedValue(state: ActionState, name: string, fallback = ""): string {
  return !state.ok && state.values?.[name] !== undefined ? state.values[name]! : fallback;
}

export function fieldError(state: ActionState, name: string): string | undefined {
  return state.ok ? undefined : state.fieldErrors?.[name];
}
