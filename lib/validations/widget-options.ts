// The widget's choices and defaults: widgetConfigSchema is built from these, and the dashboard's
// settings and preview read them (this module has no server-only imports, so client code can).
export const WIDGET_THEMES = ["modern", "classic", "minimal", "dark"] as const;
export const WIDGET_POSITIONS = ["bottom-right", "bottom-left", "top-right", "top-left"] as const;
export const WIDGET_SIZES = ["small", "medium", "large"] as const;
export const WIDGET_ANIMATIONS = ["slide-up", "fade", "none"] as const;

export const WIDGET_DEFAULTS = {
  theme: "modern",
  position: "bottom-right",
  size: "medium",
  animation: "slide-up",
  branding: true,
  sound_enabled: false,
  typing_indicator: true,
  quick_replies: true,
} as const;
