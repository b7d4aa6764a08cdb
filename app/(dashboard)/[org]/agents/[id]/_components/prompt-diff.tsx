import { type ChangeObject, diffWordsWithSpace } from "diff";
import type { ReactNode } from "react";

type Side = { id: string; title: ReactNode; text: string; testId: string };
type Part = ChangeObject<string>;

// Two prompts side by side; word-level differences highlighted (removed words on the left, added
// words on the right). Rendered as text nodes: prompts can never inject markup.
export function PromptDiff({ left, right }: { left: Side; right: Side }) {
  // Word-level, with whitespace as tokens: plain diffWords (v8) borrows the new text's spacing for
  // unchanged runs, so the left column would not read back exactly.
  const parts = diffWordsWithSpace(left.text, right.text);
  return (
    <div className="grid grid-cols-1 divide-y divide-slate-200 lg:grid-cols-2 lg:divide-x lg:divide-y-0">
      <DiffPane side={left} parts={parts} changed="removed" />
      <DiffPane side={right} parts={parts} changed="added" />
    </div>
  );
}

const MARKS = {
  removed: { className: "rounded bg-red-100 text-red-900 decoration-red-400", Tag: "del" },
  added: { className: "rounded bg-green-100 text-green-900 no-underline", Tag: "ins" },
} as const;

/** One side's text: the common parts and its own changes (marked), without the other side's. */
function DiffPane({ side, parts, changed }: { side: Side; parts: Part[]; changed: "removed" | "added" }) {
  const { className, Tag } = MARKS[changed];
  const other = changed === "removed" ? "added" : "removed";
  return (
    <section aria-labelledby={`${side.id}-h`} className="min-w-0 px-4 py-4 sm:px-6">
      <h3 id={`${side.id}-h`} className="mb-2 text-sm font-semibold text-slate-700">
        {side.title}
      </h3>
      <pre
        data-testid={side.testId}
        className="whitespace-pre-wrap break-words font-sans text-sm text-slate-800"
      >
        {/* Parts have no identity but their position, so the index is the key. */}
        {parts.map((p, i) =>
          p[other] ? null : p[changed] ? (
            <Tag key={i} className={className}>
              {p.value}
            </Tag>
          ) : (
            <span key={i}>{p.value}</span>
          ),
        )}
      </pre>
    </section>
  );
}
