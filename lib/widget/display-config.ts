import { widgetConfigSchema } from "@/lib/validations/agent";

// What a website visitor may see of an agent: display fields only. Everything else in
// widget_config (extra keys, custom CSS) and the agent (prompt, ids, origins) stays on the
// server. A new key here is a deliberate decision: tests snapshot this key set.
export const DISPLAY_WIDGET_KEYS = [
  "theme",
  "position",
  "size",
  "animation",
  "branding",
  "sound_enabled",
  "typing_indicator",
  "quick_replies",
  "quick_reply_options",
  "welcome_message",
  "primary_color",
  "accent_color",
] as const;

export type DisplayWidgetConfig = {
  theme: string;
  position: string;
  size: string;
  animation: string;
  branding: boolean;
  sound_enabled: boolean;
  typing_indicator: boolean;
  quick_replies: boolean;
  quick_reply_options: string[];
  welcome_message: string | null;
  primary_color: string | null;
  accent_color: string | null;
};

// The enum and flag defaults come from the one schema that defines them (what create stores).
const schemaDefaults = widgetConfigSchema.parse({});
const DEFAULTS = {
  theme: schemaDefaults.theme,
  position: schemaDefaults.position,
  size: schemaDefaults.size,
  animation: schemaDefaults.animation,
  branding: schemaDefaults.branding,
  sound_enabled: schemaDefaults.sound_enabled,
  typing_indicator: schemaDefaults.typing_indicator,
  quick_replies: schemaDefaults.quick_replies,
};

const str = (v: unknown, d: string | null) => (typeof v === "string" ? v : d);
const bool = (v: unknown, d: boolean) => (typeof v === "boolean" ? v : d);

/** Picks and normalises the display fields from a stored widget_config (which keeps extra keys). */
export function toDisplayWidgetConfig(raw: Record<string, unknown> | null | undefined): DisplayWidgetConfig {
  const w = raw ?? {};
  return {
    theme: str(w.theme, DEFAULTS.theme) as string,
    position: str(w.position, DEFAULTS.position) as string,
    size: str(w.size, DEFAULTS.size) as string,
    animation: str(w.animation, DEFAULTS.animation) as string,
    branding: bool(w.branding, DEFAULTS.branding),
    sound_enabled: bool(w.sound_enabled, DEFAULTS.sound_enabled),
    typing_indicator: bool(w.typing_indicator, DEFAULTS.typing_indicator),
    quick_replies: bool(w.quick_replies, DEFAULTS.quick_replies),
    quick_reply_options: Array.isArray(w.quick_reply_options)
      ? w.quick_reply_options.filter((o): o is string => typeof o === "string").slice(0, 6)
      : [],
    welcome_message: str(w.welcome_message, null),
    primary_color: str(w.primary_color, null),
    accent_color: str(w.accent_color, null),
  };
}

export const DEFAULT_OFFLINE_MESSAGE =
  "We can't chat right now. Please try again later or reach us another way.";

/** What the widget shows instead of an error when the org's monthly messages are used up. */
export function offlineMessage(raw: Record<string, unknown> | null | undefined): string {
  const v = raw?.offline_message;
  return typeof v === "string" && v.trim() ? v : DEFAULT_OFFLINE_MESSAGE;
}

/** The public view of an agent used by the snippet, widget.js and the config endpoint. */
export function toPublicWidget(agent: {
  publicId: string;
  name: string;
  widgetConfig: Record<string, unknown>;
  persona: { name: string };
}) {
  return {
    agent_id: agent.publicId,
    name: agent.name,
    persona_name: agent.persona.name,
    widget_config: toDisplayWidgetConfig(agent.widgetConfig),
  };
}

export type PublicWidget = ReturnType<typeof toPublicWidget>;
