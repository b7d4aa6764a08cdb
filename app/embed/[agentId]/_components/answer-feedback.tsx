"use client";

import { ThumbsDown, ThumbsUp } from "lucide-react";
import { useState } from "react";
import { rate } from "./chat-conversation";

// Drawn icons (inline SVG), not emoji: without an emoji font an emoji shows as an empty box.
// The button's label names the choice; the drawing is hidden from screen readers.
const CHOICES = [
  ["up", "Helpful", <ThumbsUp key="up" size={16} aria-hidden="true" focusable="false" />],
  ["down", "Not helpful", <ThumbsDown key="down" size={16} aria-hidden="true" focusable="false" />],
] as const;

/** Thumbs up/down on one answer, then an optional comment; buttons, so all keyboard-reachable. */
export function AnswerFeedback({
  messageId,
  initial,
  initialComment,
  token,
}: {
  messageId: string;
  initial: "up" | "down" | null;
  /** The comment saved before a reload: shown again so the visitor sees (and can edit) it. */
  initialComment?: string | null;
  token: () => string;
}) {
  const [rating, setRating] = useState(initial);
  const [comment, setComment] = useState(initialComment ?? "");
  // A new rating re-sends the saved comment: the API replaces both, and it must not be lost.
  const [saved, setSaved] = useState(initialComment ?? "");
  const [sent, setSent] = useState<"rating" | "comment" | "failed" | null>(null);
  const choose = async (r: "up" | "down") => {
    setRating(r);
    setSent((await rate(token(), messageId, r, saved || undefined)) ? "rating" : "failed");
  };
  return (
    <div className="ya-feedback">
      {CHOICES.map(([value, label, icon]) => (
        <button
          key={value}
          type="button"
          aria-pressed={rating === value}
          aria-label={label}
          onClick={() => void choose(value)}
        >
          {icon}
        </button>
      ))}
      {rating && sent !== "comment" ? (
        <form
          className="ya-comment"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!comment.trim()) return;
            const ok = await rate(token(), messageId, rating, comment.trim());
            if (ok) setSaved(comment.trim());
            setSent(ok ? "comment" : "failed");
          }}
        >
          <label className="ya-sr" htmlFor={`ya-comment-${messageId}`}>
            Comment on this answer (optional)
          </label>
          <input
            id={`ya-comment-${messageId}`}
            maxLength={1000}
            placeholder="Tell us more (optional)"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit">Send</button>
        </form>
      ) : null}
      <span role="status" className="ya-feedback-status">
        {sent === "comment"
          ? "Thanks for the comment."
          : sent === "rating"
            ? "Thanks!"
            : sent === "failed"
              ? "Couldn't send."
              : ""}
      </span>
    </div>
  );
}
