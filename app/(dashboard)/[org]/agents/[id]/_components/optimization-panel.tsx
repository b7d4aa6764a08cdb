"use client";

import { RefreshCw, Sparkles } from "lucide-react";
import { useActionState } from "react";
import { RefreshWhilePending } from "@/components/refresh-while-pending";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import type { OptimizationStatus } from "@/lib/agents/types";
import { type ActionState, initialActionState } from "@/lib/auth/action-state";
import { OptimizationBadge } from "../../_components/optimization-badge";
import { reoptimizeAgentAction, setUseOptimizedPromptAction } from "../optimization-actions";

export type OptimizationView = {
  id: string;
  status: OptimizationStatus;
  error: string | null;
  rationale: string | null;
  metadata: Record<string, unknown> | null;
  hasOptimized: boolean;
  useOptimized: boolean;
  updatedAt: string;
};

// Status, rationale, failure reason, the original/optimized switch and "Re-optimize". While a job
// is pending or running the page re-renders from the server every 2 s (router.refresh), so the
// badge, the diff and this panel change without a manual reload; polling stops once it settles.
export function OptimizationPanel({
  org,
  view,
  canEdit,
}: {
  org: string;
  view: OptimizationView;
  canEdit: boolean;
}) {
  const inProgress = view.status === "pending" || view.status === "running";

  const [reoptState, reoptimize] = useActionState<ActionState, FormData>(
    reoptimizeAgentAction,
    initialActionState,
  );
  const [switchState, toggle] = useActionState<ActionState, FormData>(
    setUseOptimizedPromptAction,
    initialActionState,
  );
  const meta = view.metadata ?? {};
  const result = switchState !== initialActionState ? switchState : reoptState;

  return (
    <Card data-testid="optimization-panel">
      <RefreshWhilePending active={inProgress} />
      <CardHeader
        title={
          <span className="inline-flex items-center gap-2">
            <Sparkles aria-hidden className="size-4 text-brand-600" />
            Prompt optimization
          </span>
        }
        description="Gemini rewrites the system prompt in the background. Your original prompt is always kept."
        actions={
          canEdit ? (
            <form action={reoptimize}>
              <input type="hidden" name="org" value={org} />
              <input type="hidden" name="agent" value={view.id} />
              <SubmitButton variant="secondary" disabled={inProgress} pendingText="Requesting…">
                <RefreshCw aria-hidden className="size-4" />
                Re-optimize
              </SubmitButton>
            </form>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
          <span>Status</span>
          <span data-testid="optimization-status" data-status={view.status} aria-live="polite">
            <OptimizationBadge status={view.status} />
          </span>
          {inProgress ? <span className="text-slate-500">Updating automatically…</span> : null}
        </div>

        {view.status === "failed" && view.error ? (
          <Alert tone="error">
            <span data-testid="optimization-error">{view.error}</span> The original prompt stays in use.
          </Alert>
        ) : null}
        {view.status === "skipped" && view.error ? <Alert tone="warning">Skipped: {view.error}</Alert> : null}

        <GateResult gate={meta.gate} org={org} agentId={view.id} />
        {view.rationale ? (
          <div>
            <h3 className="text-sm font-semibold text-slate-700">Why it changed</h3>
            <p
              data-testid="optimization-rationale"
              className="mt-1 whitespace-pre-wrap text-sm text-slate-800"
            >
              {view.rationale}
            </p>
            {typeof meta.model === "string" ? (
              <p className="mt-1 text-xs text-slate-500">
                {meta.model}
                {typeof meta.latency_ms === "number" ? ` · ${(meta.latency_ms / 1000).toFixed(1)} s` : ""}
                {typeof meta.total_tokens === "number" ? ` · ${meta.total_tokens} tokens` : ""}
              </p>
            ) : null}
          </div>
        ) : null}

        {view.hasOptimized ? (
          <form action={toggle} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="org" value={org} />
            <input type="hidden" name="agent" value={view.id} />
            <input type="hidden" name="use_optimized_prompt" value={view.useOptimized ? "false" : "true"} />
            <span id="use-optimized-label" className="text-sm text-slate-700">
              Answer with the optimized prompt
            </span>
            <button
              type="submit"
              role="switch"
              aria-checked={view.useOptimized}
              aria-labelledby="use-optimized-label"
              disabled={!canEdit}
              data-testid="use-optimized-switch"
              className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-60 ${view.useOptimized ? "bg-brand-600" : "bg-slate-300"}`}
            >
              <span
                aria-hidden
                className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${view.useOptimized ? "translate-x-5" : "translate-x-0.5"}`}
              />
            </button>
            <span className="text-sm font-medium text-slate-900">
              {view.useOptimized ? "Optimized prompt in use" : "Original prompt in use"}
            </span>
          </form>
        ) : null}

        {result !== initialActionState ? (
          <Alert tone={result.ok ? "success" : "error"}>{result.ok ? result.message : result.error}</Alert>
        ) : null}
      </CardBody>
    </Card>
  );
}

/** The evaluation that decided the last result (promise 39): "candidate rejected: 0.62 vs 0.80". */
function GateResult({ gate, org, agentId }: { gate: unknown; org: string; agentId: string }) {
  if (!gate || typeof gate !== "object") return null;
  const g = gate as {
    decision?: string;
    candidate_score?: number;
    current_score?: number;
    candidate_passed?: boolean;
  };
  const scores = `${(g.candidate_score ?? 0).toFixed(2)} vs ${(g.current_score ?? 0).toFixed(2)}`;
  const rejected = g.decision === "rejected";
  return (
    <Alert tone={rejected ? "warning" : "success"}>
      <span data-testid="optimization-gate">
        {rejected ? `Candidate rejected: ${scores}` : `Candidate accepted: ${scores}`}
        {rejected && g.candidate_passed === false ? " (it broke a must-not)" : ""}.
      </span>{" "}
      {rejected ? "The prompt in use stays; you can still switch to the candidate. " : null}
      <a className="underline" href={`/${org}/agents/${agentId}/evals`}>
        Scorecard
      </a>
    </Alert>
  );
}
