"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { tryQuestionAction } from "../source-actions";
import { form } from "./sources-panel";

type PassageView = {
  rank: number;
  score: number;
  source: { id: string; title: string; url: string | null };
  heading: string | null;
  text: string;
};

// "Try a question": the passages an agent on this pack would be given, ranked, with scores.
export function TryQuestion(props: { org: string; pack: string }) {
  const [q, setQ] = useState("");
  const [passages, setPassages] = useState<PassageView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <div className="space-y-3">
      <form
        className="flex gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = (await tryQuestionAction(
            { ok: true },
            form({ org: props.org, pack: props.pack, q }),
          )) as {
            ok: boolean;
            data?: unknown;
            error?: string;
          };
          setError(r.ok ? null : (r.error ?? "That did not work."));
          setPassages(r.ok ? (r.data as PassageView[]) : null);
        }}
      >
        <label htmlFor={id} className="sr-only">
          Question
        </label>
        <input
          id={id}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          required
          placeholder="Ask what a visitor would ask"
          className="flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <Button type="submit" size="sm">
          Try it
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {passages ? (
        passages.length === 0 ? (
          <p className="text-sm text-slate-600" role="status">
            No passage matches this question.
          </p>
        ) : (
          <ol className="space-y-2" aria-label="Ranked passages">
            {passages.map((p) => (
              <li key={`${p.rank}`} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-medium text-slate-900">
                  {p.rank}. {p.source.title}
                  {p.heading ? ` — ${p.heading}` : ""}{" "}
                  <span className="text-xs text-slate-600">score {p.score.toFixed(4)}</span>
                </p>
                <p className="mt-1 line-clamp-4 whitespace-pre-wrap text-slate-700">{p.text}</p>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </div>
  );
}
