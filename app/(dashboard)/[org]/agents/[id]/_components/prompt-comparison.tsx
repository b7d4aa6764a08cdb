import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PromptDiff } from "./prompt-diff";

// Original and optimized prompts side by side (the shared diff view).
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
  const inUse = <span className="font-normal text-brand-700">(in use)</span>;
  return (
    <Card>
      <CardHeader
        title="Prompts"
        description={`Version ${version}. The agent answers with the ${usingOptimized ? "optimized" : "original"} prompt.`}
      />
      <PromptDiff
        left={{
          id: "prompt-original",
          title: <>Original {usingOptimized ? null : inUse}</>,
          text: original,
          testId: "prompt-original",
        }}
        right={{
          id: "prompt-optimized",
          title: <>Optimized {usingOptimized ? inUse : null}</>,
          text: optimized,
          testId: "prompt-optimized",
        }}
      />
    </Card>
  );
}
