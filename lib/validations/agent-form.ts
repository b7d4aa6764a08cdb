import { z } from "zod";
import { blankToNull, blankToUndefined, checked, field, lines, type RawForm } from "@/lib/forms/fields";
import { createAgentSchema } from "./agent";

// The dashboard's "New agent" form posts flat strings; this maps them onto the API's create
// body so both doors validate with the one createAgentSchema (same rules, same error paths).
// Only the fields listed here are read: nothing else in the form data can reach the use case.
export function agentFormToCreateInput(raw: RawForm) {
  const quickReplies = checked(raw, "quick_replies");
  const options = lines(field(raw, "quick_reply_options"));
  const model = blankToUndefined(field(raw, "model"));
  return {
    name: field(raw, "name") ?? "",
    description: blankToUndefined(field(raw, "description")),
    industry: blankToUndefined(field(raw, "industry")),
    persona: blankToUndefined(field(raw, "persona")),
    system_prompt: blankToUndefined(field(raw, "system_prompt")),
    knowledge_pack_id: blankToUndefined(field(raw, "knowledge_pack_id")),
    widget_config: {
      theme: blankToUndefined(field(raw, "theme")),
      position: blankToUndefined(field(raw, "position")),
      size: blankToUndefined(field(raw, "size")),
      animation: blankToUndefined(field(raw, "animation")),
      primary_color: blankToUndefined(field(raw, "primary_color")),
      accent_color: blankToUndefined(field(raw, "accent_color")),
      welcome_message: blankToNull(field(raw, "welcome_message")),
      custom_css: blankToNull(field(raw, "custom_css")),
      branding: checked(raw, "branding"),
      sound_enabled: checked(raw, "sound_enabled"),
      typing_indicator: checked(raw, "typing_indicator"),
      quick_replies: quickReplies,
      ...(quickReplies && options.length > 0 ? { quick_reply_options: options } : {}),
    },
    ...(model ? { config: { model } } : {}),
    allowed_origins: lines(field(raw, "allowed_origins")),
    auto_optimize: checked(raw, "auto_optimize"),
    idempotency_key: blankToUndefined(field(raw, "idempotency_key")),
  };
}

export const agentFormSchema = z.preprocess(
  (raw) => agentFormToCreateInput((raw ?? {}) as RawForm),
  createAgentSchema,
);
