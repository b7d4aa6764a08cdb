import { diffWordsWithSpace } from "diff";
import type { ReactNode } from "react";

type Side = { id: string; title: ReactNode; text: string; testId: string };

// Two prompts side by side; word-level differences highlighted (removed words on the left, added
// words on the right). Rendered as text nodes: prompts can never inject markup.
export function PromptDiff({ left, right }: { left: Side; right: Side }) {
  // Word-level, with whitespace as tokens: plain diffWords (v8) borrows the new text's spacing for
  // unchanged runs, so the left column would not read back exactly. Parts have no identity but
  // their position, so the index is the key.
  const parts = diffWordsWithSpace(left.text, right.text);
  return (
    <div className="grid grid-cols-1 divide-y divide-slate-200 lg:grid-cols-2 lg:divide-x lg:divide-y-0">
      <section aria-labelledby={`${left.id}-h`} className="min-w-0 px-4 py-4 sm:px-6">
        <h3 id={`${left.id}-h`} className="mb-2 text-sm font-semibold text-slate-700">
          {left.title}
        </h3>
        <pre
          data-testid={left.testId}
          className="whitespace-pre-wrap break-words font-sans text-sm text-slate-800"
        >
          {parts.map((p, i) =>
            p.added ? null : p.removed ? (
              <del key={i} className="rounded bg-red-100 text-red-900 decoration-red-400">
                {p.value}
              </del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </pre>
      </section>
      <section aria-labelledby={`${right.id}-h`} className="min-w-0 px-4 py-4 sm:px-6">
        <h3 id={`${right.id}-h`} className="mb-2 text-sm font-semibold text-slate-700">
          {right.title}
        </h3>
        <pre
          data-testid={right.testId}
          className="whitespace-pre-wrap break-words font-sans text-sm text-slate-800"
        >
          {parts.map((p, i) =>
            p.removed ? null : p.added ? (
              <ins key={i} className="rounded bg-green-100 text-green-900 no-underline">
                {p.value}
              </ins>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </pre>
      </section>
    </div>
  );
}
