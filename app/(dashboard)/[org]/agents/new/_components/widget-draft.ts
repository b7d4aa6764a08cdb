// The widget settings as the form edits them (client state), shared by the settings and the preview.
export type WidgetDraft = {
  theme: "modern" | "classic" | "minimal" | "dark";
  position: "bottom-right" | "bottom-left" | "top-right" | "top-left";
  size: "small" | "medium" | "large";
  animation: "slide-up" | "fade" | "none";
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

export const DEFAULT_WIDGET: WidgetDraft = {
  theme: "modern",
  position: "bottom-right",
  size: "medium",
  animation: "slide-up",
  primary_color: "#4f46e5",
  accent_color: "#f59e0b",
  welcome_message: "Hi! How can I help you today?",
  quick_replies: true,
  quick_reply_options: "Track my order\nTalk to a human",
  branding: true,
  sound_enabled: false,
  typing_indicator: true,
  custom_css: "",
};

/** Maps an error path of the create schema (e.g. widget_config.theme, allowed_origins.3) to a form field. */
export function formFieldForPath(path: string): string {
  const [head, second] = path.split(".");
  if (head === "widget_config" && second) return second;
  return head ?? path;
}
