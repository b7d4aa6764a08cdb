"use client";

import { MessageCircle, X } from "lucide-react";
import { useState } from "react";
import { lines } from "@/lib/forms/fields";
import type { WidgetDraft } from "./widget-draft";

const LAUNCHER_PX = { small: 44, medium: 54, large: 64 } as const;
const WINDOW_PX = { small: 230, medium: 270, large: 310 } as const;
const THEMES = {
  modern: {
    window: "rounded-2xl shadow-xl bg-white text-slate-900",
    bubble: "rounded-2xl",
    launcher: "rounded-full",
  },
  classic: {
    window: "rounded-md border border-slate-300 bg-white text-slate-900",
    bubble: "rounded",
    launcher: "rounded-lg",
  },
  minimal: {
    window: "rounded-lg ring-1 ring-slate-200 bg-white text-slate-800",
    bubble: "rounded-lg",
    launcher: "rounded-full",
  },
  dark: {
    window: "rounded-2xl shadow-xl bg-slate-900 text-slate-100",
    bubble: "rounded-2xl",
    launcher: "rounded-full",
  },
} as const;

/**
 * A live, approximate preview of the launcher and chat window on a mock page. It mirrors
 * the settings as they change; the real widget renders the same config inside its iframe.
 */
export function WidgetPreview({ draft, agentName }: { draft: WidgetDraft; agentName: string }) {
  const [open, setOpen] = useState(true);
  const [top, right] = [draft.position.startsWith("top"), draft.position.endsWith("right")];
  const theme = THEMES[draft.theme];
  const launcher = LAUNCHER_PX[draft.size];
  const corner = { [top ? "top" : "bottom"]: 12, [right ? "right" : "left"]: 12 };
  const windowCorner = { [top ? "top" : "bottom"]: launcher + 20, [right ? "right" : "left"]: 12 };
  const options = draft.quick_replies ? lines(draft.quick_reply_options).slice(0, 6) : [];
  const dark = draft.theme === "dark";
  // As the real chat draws them (chat-styles.ts): quick replies in the primary color (fixed on
  // dark), secondary text in a gray that keeps 4.5:1 on the window's background.
  const quickStyle = dark
    ? { borderColor: "#6366f1", color: "#c7d2fe" }
    : { borderColor: draft.primary_color, color: draft.primary_color };
  const muted = dark ? "text-slate-400" : "text-slate-500";
  // Re-keying on the animation and theme replays the entry animation whenever they change.
  const animationClass =
    draft.animation === "slide-up" ? "ya-preview-slide" : draft.animation === "fade" ? "ya-preview-fade" : "";
  return (
    <section
      data-testid="widget-preview"
      data-theme={draft.theme}
      data-position={draft.position}
      data-size={draft.size}
      data-animation={draft.animation}
      className="relative h-[26rem] overflow-hidden rounded-lg bg-gradient-to-br from-slate-100 to-slate-200 ring-1 ring-slate-200"
      aria-label="Widget preview"
    >
      <style>{`
        @keyframes ya-slide { from { transform: translateY(16px); opacity: 0 } to { transform: none; opacity: 1 } }
        @keyframes ya-fade { from { opacity: 0 } to { opacity: 1 } }
        .ya-preview-slide { animation: ya-slide .35s ease-out }
        .ya-preview-fade { animation: ya-fade .35s ease-out }
      `}</style>
      <div aria-hidden className="space-y-2 p-4">
        <div className="h-3 w-32 rounded bg-slate-300" />
        <div className="h-2 w-48 rounded bg-slate-300/70" />
        <div className="h-2 w-40 rounded bg-slate-300/70" />
      </div>
      {open ? (
        <div
          key={`${draft.animation}-${draft.theme}-${draft.size}-${draft.position}`}
          data-testid="preview-window"
          className={`absolute flex flex-col overflow-hidden text-xs ${theme.window} ${animationClass}`}
          style={{ ...windowCorner, width: WINDOW_PX[draft.size], maxHeight: 300 }}
        >
          <div
            className="flex items-center justify-between px-3 py-2 text-white"
            style={{ background: draft.primary_color }}
          >
            <span className="truncate font-semibold" data-testid="preview-title">
              {agentName.trim() || "Your agent"}
            </span>
            {draft.sound_enabled ? <span title="Sound on">🔔</span> : null}
          </div>
          <div className="flex-1 space-y-2 p-3">
            {draft.welcome_message.trim() ? (
              <p
                data-testid="preview-welcome"
                className={`max-w-[85%] whitespace-pre-wrap break-words px-2.5 py-1.5 ${theme.bubble} ${
                  dark ? "bg-slate-800" : "bg-slate-100"
                }`}
              >
                {draft.welcome_message}
              </p>
            ) : null}
            {draft.typing_indicator ? (
              <p className={`text-[10px] ${muted}`} data-testid="preview-typing">
                typing…
              </p>
            ) : null}
            {options.length > 0 ? (
              <div className="flex flex-wrap gap-1" data-testid="preview-quick-replies">
                {options.map((o) => (
                  <span key={o} className={`border px-2 py-0.5 ${theme.bubble}`} style={quickStyle}>
                    {o}
                  </span>
                ))}
              </div>
            ) : null}
          </div>
          <div className={`border-t px-3 py-2 ${dark ? "border-slate-700" : "border-slate-200"}`}>
            <span className={muted}>Type a message…</span>
          </div>
          {draft.branding ? (
            <p className={`pb-1.5 text-center text-[10px] ${muted}`} data-testid="preview-branding">
              Powered by YourAgent
            </p>
          ) : null}
        </div>
      ) : null}
      <button
        type="button"
        data-testid="preview-launcher"
        onClick={() => setOpen((o) => !o)}
        aria-label={open ? "Close the preview chat" : "Open the preview chat"}
        className={`absolute grid place-items-center text-white shadow-lg ${theme.launcher}`}
        style={{ ...corner, width: launcher, height: launcher, background: draft.primary_color }}
      >
        {open ? <X className="size-1/2" aria-hidden /> : <MessageCircle className="size-1/2" aria-hidden />}
      </button>
    </section>
  );
}
