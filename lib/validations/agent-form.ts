import { z } from "zod";
import { createAgentSchema } from "./agent";

// The dashboard's "New agent" form posts flat strings; this maps them onto the API's create
// body so both doors validate with the one createAgentSchema (same rules, same error paths).
// Only the fields listed here are read: nothing else in the form data can reach the use case.
type Raw = Record<string, string | string[] | undefined>;

// Browsers submit textarea line breaks as CRLF; store plain LF like the API does.
const str = (raw: Raw, k: string): string | undefined => {
  const v = raw[k];
  const one = Array.isArray(v) ? v[v.length - 1] : v;
  return one?.replace(/\r\n?/g, "\n");
};
const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v);
const checked = (raw: Raw, k: string) => str(raw, k) === "on" || str(raw, k) === "true";
export const splitLines = (v: string | undefined) =>
  (v ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

export function agentFormToCreateInput(raw: Raw) {
  const quickReplies = checked(raw, "quick_replies");
  const options = splitLines(str(raw, "quick_reply_options"));
  return {
    name: str(raw, "name") ?? "",
    description: blankToUndefined(str(raw, "description")),
    industry: blankToUndefined(str(raw, "industry")),
    persona: blankToUndefined(str(raw, "persona")),
    system_prompt: blankToUndefined(str(raw, "system_prompt")),
    knowledge_pack_id: blankToUndefined(str(raw, "knowledge_pack_id")),
    widget_config: {
      theme: blankToUndefined(str(raw, "theme")),
      position: blankToUndefined(str(raw, "position")),
      size: blankToUndefined(str(raw, "size")),
      animation: blankToUndefined(str(raw, "animation")),
      primary_color: blankToUndefined(str(raw, "primary_color")),
      accent_color: blankToUndefined(str(raw, "accent_color")),
      welcome_message: blankToNull(str(raw, "welcome_message")),
      custom_css: blankToNull(str(raw, "custom_css")),
      branding: checked(raw, "branding"),
      sound_enabled: checked(raw, "sound_enabled"),
      typing_indicator: checked(raw, "typing_indicator"),
      quick_replies: quickReplies,
      ...(quickReplies && options.length > 0 ? { quick_reply_options: options } : {}),
    },
    allowed_origins: splitLines(str(raw, "allowed_origins")),
    auto_optimize: checked(raw, "auto_optimize"),
    idempotency_key: blankToUndefined(str(raw, "idempotency_key")),
  };
}

export const agentFormSchema = z.preprocess(
  (raw) => agentFormToCreateInput((raw ?? {}) as Raw),
  createAgentSchema,
);
