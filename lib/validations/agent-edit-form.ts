import {
  blankToNull,
  blankToUndefined,
  checked,
  field,
  lines,
  type RawForm,
  rawField,
} from "@/lib/forms/fields";

// The dashboard's edit form posts flat strings; this maps them onto a PATCH body so the form and
// PATCH /api/v1/agents/{id} validate with the one updateAgentSchema (same rules, same error paths).
// Only the fields listed here are read; textarea line breaks become LF (otherwise every save would
// look like a prompt change and bump the version). The original/optimized switch is not one of
// them: the optimization panel owns it, and a stale checkbox here would silently flip it back.
export function agentEditFormToPatch(raw: RawForm) {
  return {
    name: rawField(raw, "name") ?? "",
    description: blankToNull(field(raw, "description")),
    industry: blankToNull(rawField(raw, "industry")),
    persona: rawField(raw, "persona"),
    knowledge_pack_id: blankToNull(rawField(raw, "knowledge_pack_id")),
    system_prompt: field(raw, "system_prompt") ?? "",
    status: rawField(raw, "status"),
    identity_verification: rawField(raw, "identity_verification"),
    allowed_origins: lines(rawField(raw, "allowed_origins")),
    widget_config: {
      theme: rawField(raw, "widget_config.theme"),
      position: rawField(raw, "widget_config.position"),
      welcome_message: blankToNull(field(raw, "widget_config.welcome_message")),
    },
    // The empty choice ("Default") leaves the stored model as it is.
    config: { model: blankToUndefined(rawField(raw, "config.model")) },
    auto_optimize: checked(raw, "auto_optimize"),
  };
}
