"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
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
    <Field id={`w-${key}`} label={label} error={errors[key]}>
      <Select
        id={`w-${key}`}
        name={key}
        value={draft[key]}
        onChange={(e) => onChange({ [key]: e.target.value } as Partial<WidgetDraft>)}
        {...describedBy(`w-${key}`, errors[key])}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    </Field>
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
      <Field
        id="w-welcome_message"
        label="Welcome message"
        hint="Up to 500 characters."
        error={errors.welcome_message}
      >
        <Textarea
          id="w-welcome_message"
          name="welcome_message"
          rows={2}
          value={draft.welcome_message}
          onChange={(e) => onChange({ welcome_message: e.target.value })}
          className="min-h-0"
          {...describedBy("w-welcome_message", errors.welcome_message)}
        />
      </Field>
      <Checkbox
        id="w-quick_replies"
        name="quick_replies"
        checked={draft.quick_replies}
        onChange={(e) => onChange({ quick_replies: e.target.checked })}
        label="Quick replies"
        description="Suggested first questions shown as buttons."
      />
      {draft.quick_replies ? (
        <Field
          id="w-quick_reply_options"
          label="Quick reply options"
          hint="One per line, up to 6, each up to 80 characters."
          error={errors.quick_reply_options}
        >
          <Textarea
            id="w-quick_reply_options"
            name="quick_reply_options"
            rows={3}
            value={draft.quick_reply_options}
            onChange={(e) => onChange({ quick_reply_options: e.target.value })}
            className="min-h-0"
            {...describedBy("w-quick_reply_options", errors.quick_reply_options)}
          />
        </Field>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        {toggle("branding", "Branding", "Show “Powered by YourAgent”.")}
        {toggle("sound_enabled", "Sound", "Play a sound on new replies.")}
        {toggle("typing_indicator", "Typing indicator", "Show when the agent is typing.")}
      </div>
      <Field
        id="w-custom_css"
        label="Custom CSS"
        hint="Applied inside the chat window only (it cannot touch your page). Up to 10,000 characters."
        error={errors.custom_css}
      >
        <Textarea
          id="w-custom_css"
          name="custom_css"
          rows={3}
          value={draft.custom_css}
          onChange={(e) => onChange({ custom_css: e.target.value })}
          className="min-h-0 font-mono text-xs"
          placeholder=".ya-message { font-size: 15px; }"
          {...describedBy("w-custom_css", errors.custom_css)}
        />
      </Field>
    </div>
  );
}
