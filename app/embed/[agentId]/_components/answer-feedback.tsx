"use client";

import { useState } from "react";
import { rate } from "./chat-conversation";

const CHOICES = [
  ["up", "Helpful", "👍"],
  ["down", "Not helpful", "👎"],
] as const;

/** Thumbs up/down on one answer, then an optional comment; buttons, so all keyboard-reachable. */
export function AnswerFeedback({
  messageId,
  initial,
  token,
}: {
  messageId: string;
  initial: "up" | "down" | null;
  token: () => string;
}) {
  const [rating, setRating] = useState(initial);
  const [comment, setComment] = useState("");
  const [sent, setSent] = useState<"rating" | "comment" | "failed" | null>(null);
  const choose = async (r: "up" | "down") => {
    setRating(r);
    setSent((await rate(token(), messageId, r)) ? "rating" : "failed");
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
            setSent((await rate(token(), messageId, rating, comment.trim())) ? "comment" : "failed");
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
