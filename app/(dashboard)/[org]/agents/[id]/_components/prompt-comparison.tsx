import { diffWordsWithSpace } from "diff";
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
        <section aria-labelledby="prompt-original-h" className="min-w-0 px-4 py-4 sm:px-6">
          <h3 id="prompt-original-h" className="mb-2 text-sm font-semibold text-slate-700">
            Original {usingOptimized ? null : <span className="font-normal text-brand-700">(in use)</span>}
          </h3>
          <pre
            data-testid="prompt-original"
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
        <section aria-labelledby="prompt-optimized-h" className="min-w-0 px-4 py-4 sm:px-6">
          <h3 id="prompt-optimized-h" className="mb-2 text-sm font-semibold text-slate-700">
            Optimized {usingOptimized ? <span className="font-normal text-brand-700">(in use)</span> : null}
          </h3>
          <pre
            data-testid="prompt-optimized"
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
    </Card>
  );
}
