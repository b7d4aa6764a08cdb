"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, Field, SelectField } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { plainOptions } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import {
  WIDGET_ANIMATIONS,
  WIDGET_POSITIONS,
  WIDGET_SIZES,
  WIDGET_THEMES,
} from "@/lib/validations/widget-options";
import type { WidgetDraft } from "./widget-draft";

type Errors = Record<string, string | undefined>;

/** Every widget setting of API.md's widget_config, controlled so the preview follows each change. */
export function WidgetSettings({
  draft,
  onChange,
  errors,
}: {
  draft: WidgetDraft;
  onChange: (patch: Partial<WidgetDraft>) => void;
  errors: Errors;
}) {
  const select = <K extends "theme" | "position" | "size" | "animation">(
    key: K,
    label: string,
    options: readonly WidgetDraft[K][],
  ) => (
    <SelectField
      id={`w-${key}`}
      name={key}
      label={label}
      error={errors[key]}
      value={draft[key]}
      onChange={(e) => onChange({ [key]: e.target.value } as Partial<WidgetDraft>)}
      options={plainOptions(options)}
    />
  );
  const color = (key: "primary_color" | "accent_color", label: string) => (
    <Field id={`w-${key}`} label={label} error={errors[key]}>
      <Input
        id={`w-${key}`}
        name={key}
        type="color"
        value={draft[key]}
        onChange={(e) => onChange({ [key]: e.target.value })}
        className="h-10 p-1"
        {...describedBy(`w-${key}`, errors[key])}
      />
    </Field>
  );
  const toggle = (
    key: "branding" | "sound_enabled" | "typing_indicator",
    label: string,
    description: string,
  ) => (
    <Checkbox
      id={`w-${key}`}
      name={key}
      checked={draft[key]}
      onChange={(e) => onChange({ [key]: e.target.checked })}
      label={label}
      description={description}
    />
  );
  const area = (
    key: "welcome_message" | "quick_reply_options" | "custom_css",
    label: string,
    hint: string,
    rows: number,
    extra: { className?: string; placeholder?: string } = {},
  ) => (
    <Field id={`w-${key}`} label={label} hint={hint} error={errors[key]}>
      <Textarea
        id={`w-${key}`}
        name={key}
        rows={rows}
        value={draft[key]}
        onChange={(e) => onChange({ [key]: e.target.value })}
        className={extra.className ?? "min-h-0"}
        placeholder={extra.placeholder}
        {...describedBy(`w-${key}`, errors[key])}
      />
    </Field>
  );
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {select("theme", "Theme", WIDGET_THEMES)}
        {select("position", "Position", WIDGET_POSITIONS)}
        {select("size", "Size", WIDGET_SIZES)}
        {select("animation", "Animation", WIDGET_ANIMATIONS)}
        {color("primary_color", "Primary color")}
        {color("accent_color", "Accent color")}
      </div>
      {area("welcome_message", "Welcome message", "Up to 500 characters.", 2)}
      <Checkbox
        id="w-quick_replies"
        name="quick_replies"
        checked={draft.quick_replies}
        onChange={(e) => onChange({ quick_replies: e.target.checked })}
        label="Quick replies"
        description="Suggested first questions shown as buttons."
      />
      {draft.quick_replies
        ? area(
            "quick_reply_options",
            "Quick reply options",
            "One per line, up to 6, each up to 80 characters.",
            3,
          )
        : null}
      <div className="grid gap-3 sm:grid-cols-3">
        {toggle("branding", "Branding", "Show “Powered by YourAgent”.")}
        {toggle("sound_enabled", "Sound", "Play a sound on new replies.")}
        {toggle("typing_indicator", "Typing indicator", "Show when the agent is typing.")}
      </div>
      {area(
        "custom_css",
        "Custom CSS",
        "Applied inside the chat window only (it cannot touch your page). Up to 10,000 characters.",
        3,
        { className: "min-h-0 font-mono text-xs", placeholder: ".ya-message { font-size: 15px; }" },
      )}
    </div>
  );
}
