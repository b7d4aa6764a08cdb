import { type Change, diffWordsWithSpace } from "diff";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

// Original and optimized prompts side by side; word-level differences highlighted (removed words
// on the left, added words on the right). Rendered as text nodes: prompts can never inject markup.
export function PromptComparison({
  original,
  optimized,
  usingOptimized,
  version,
}: {
  original: string;
  optimized: string | null;
  usingOptimized: boolean;
  version: number;
}) {
  if (!optimized) {
    return (
      <Card>
        <CardHeader title="System prompt" description={`Version ${version}. No optimized version yet.`} />
        <CardBody>
          <pre
            data-testid="prompt-original"
            className="whitespace-pre-wrap break-words font-sans text-sm text-slate-800"
          >
            {original}
          </pre>
        </CardBody>
      </Card>
    );
  }
  // Word-level, with whitespace as tokens: plain diffWords (v8) borrows the new text's spacing for
  // unchanged runs, so the original column would not read back exactly. Parts have no identity
  // but their position, so the index is the key.
  const parts = diffWordsWithSpace(original, optimized);
  return (
    <Card>
      <CardHeader
        title="Prompts"
        description={`Version ${version}. The agent answers with the ${usingOptimized ? "optimized" : "original"} prompt.`}
      />
      <div className="grid grid-cols-1 divide-y divide-slate-200 lg:grid-cols-2 lg:divide-x lg:divide-y-0">
        <PromptPane side="original" title="Original" inUse={!usingOptimized} parts={parts} />
        <PromptPane side="optimized" title="Optimized" inUse={usingOptimized} parts={parts} />
      </div>
    </Card>
  );
}

/**
 * One side of the comparison: the words both prompts share, plus the words only this side has,
 * marked (removed on the original side, added on the optimized side).
 */
function PromptPane({
  side,
  title,
  inUse,
  parts,
}: {
  side: "original" | "optimized";
  title: string;
  inUse: boolean;
  parts: Change[];
}) {
  const id = `prompt-${side}`;
  return (
    <section aria-labelledby={`${id}-h`} className="min-w-0 px-4 py-4 sm:px-6">
      <h3 id={`${id}-h`} className="mb-2 text-sm font-semibold text-slate-700">
        {title} {inUse ? <span className="font-normal text-brand-700">(in use)</span> : null}
      </h3>
      <pre data-testid={id} className="whitespace-pre-wrap break-words font-sans text-sm text-slate-800">
        {parts.map((p, i) => {
          const own = side === "original" ? p.removed : p.added;
          const other = side === "original" ? p.added : p.removed;
          if (other) return null;
          if (!own) return <span key={i}>{p.value}</span>;
          return side === "original" ? (
            <del key={i} className="rounded bg-red-100 text-red-900 decoration-red-400">
              {p.value}
            </del>
          ) : (
            <ins key={i} className="rounded bg-green-100 text-green-900 no-underline">
              {p.value}
            </ins>
          );
        })}
      </pre>
    </section>
  );
}
