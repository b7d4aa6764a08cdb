// The dashboard's edit form posts flat strings; this maps them onto a PATCH body so the form and
// PATCH /api/v1/agents/{id} validate with the one updateAgentSchema (same rules, same error paths).
// Only the fields listed here are read. The original/optimized switch is not one of them: the
// optimization panel owns it, and a stale checkbox here would silently flip it back.
type Raw = Record<string, string | string[] | undefined>;

const str = (raw: Raw, k: string): string | undefined => {
  const v = raw[k];
  return Array.isArray(v) ? v[v.length - 1] : v;
};
const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v);
const checked = (raw: Raw, k: string) => str(raw, k) === "on" || str(raw, k) === "true";
// Browsers submit textarea line breaks as CRLF; the stored prompt uses LF. Without this, every
// save would look like a prompt change and bump the version.
const lf = (v: string | undefined) => v?.replace(/\r\n?/g, "\n");

export function agentEditFormToPatch(raw: Raw) {
  return {
    name: str(raw, "name") ?? "",
    description: blankToNull(lf(str(raw, "description"))),
    industry: blankToNull(str(raw, "industry")),
    persona: str(raw, "persona"),
    knowledge_pack_id: blankToNull(str(raw, "knowledge_pack_id")),
    system_prompt: lf(str(raw, "system_prompt")) ?? "",
    status: str(raw, "status"),
    allowed_origins: (str(raw, "allowed_origins") ?? "")
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
    widget_config: {
      theme: str(raw, "widget_config.theme"),
      position: str(raw, "widget_config.position"),
      welcome_message: blankToNull(lf(str(raw, "widget_config.welcome_message"))),
    },
    auto_optimize: checked(raw, "auto_optimize"),
  };
}
