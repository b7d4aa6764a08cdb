import {
  type WIDGET_ANIMATIONS,
  WIDGET_DEFAULTS,
  type WIDGET_POSITIONS,
  type WIDGET_SIZES,
  type WIDGET_THEMES,
} from "@/lib/validations/widget-options";

// The widget settings as the form edits them (client state), shared by the settings and the preview.
export type WidgetDraft = {
  theme: (typeof WIDGET_THEMES)[number];
  position: (typeof WIDGET_POSITIONS)[number];
  size: (typeof WIDGET_SIZES)[number];
  animation: (typeof WIDGET_ANIMATIONS)[number];
  primary_color: string;
  accent_color: string;
  welcome_message: string;
  quick_replies: boolean;
  quick_reply_options: string;
  branding: boolean;
  sound_enabled: boolean;
  typing_indicator: boolean;
  custom_css: string;
};

// The schema's defaults, plus starting suggestions for what the schema leaves empty.
export const DEFAULT_WIDGET: WidgetDraft = {
  ...WIDGET_DEFAULTS,
  primary_color: "#4f46e5",
  accent_color: "#f59e0b",
  welcome_message: "Hi! How can I help you today?",
  quick_reply_options: "Track my order\nTalk to a human",
  custom_css: "",
};

/** Maps an error path of the create schema (e.g. widget_config.theme, allowed_origins.3) to a form field. */
export function formFieldForPath(path: string): string {
  const [head, second] = path.split(".");
  if (head === "widget_config" && second) return second;
  return head ?? path;
}
