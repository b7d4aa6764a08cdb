import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RefreshWhilePending } from "@/components/refresh-while-pending";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getAgent } from "@/lib/agents/get-agent";
import { ADMIN_ROLES, requireOrgMembership } from "@/lib/auth/org-context";
import { evalPageData } from "@/lib/evals/dashboard";
import type { EvalRunResource } from "@/lib/evals/get-run";
import { formatDateTime } from "@/lib/format-date";
import { AgentSubpageHeader } from "../_components/subpage-header";
import { CsvImportForm, RunEvalForm } from "./_components/eval-forms";

export const metadata: Metadata = { title: "Evaluation" };

const pct = (n: number | null) => (n === null ? "–" : `${Math.round(n * 100)} %`);

// The agent's test cases (CSV import), a run button with its cost, and the newest run's
// progress and per-case verdicts (refreshed while it runs).
export default async function EvalsPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await requireOrgMembership(slug);
  const agent = await getAgent(ctx.org.id, id);
  if (!agent) notFound();
  const data = await evalPageData(ctx.org.id, agent.publicId);
  if (!data) notFound();
  const canEdit = ADMIN_ROLES.includes(ctx.role);
  const org = ctx.org.slug;
  const { suite, run } = data;
  const active = run?.status === "pending" || run?.status === "running";

  return (
    <>
      <AgentSubpageHeader
        org={org}
        agent={agent}
        title="Evaluation"
        description="Test cases this agent must pass. Optimization results are switched on only if they do at least as well."
      />
      <RefreshWhilePending active={active} />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title={`Test cases (${suite.cases.length})`}
            description={`Revision ${suite.revision}.`}
          />
          <CardBody className="space-y-4">
            {suite.cases.length ? (
              <ol className="space-y-3" aria-label="Test cases">
                {suite.cases.map((c) => (
                  <li key={c.id} className="rounded-md border border-slate-200 p-3 text-sm">
                    <p className="font-medium text-slate-900">{c.input}</p>
                    <p className="mt-1 text-slate-600">Expect: {c.expectations.join(" · ")}</p>
                    {c.must_not.length ? (
                      <p className="text-slate-600">Must not: {c.must_not.join(" · ")}</p>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-slate-600">No test cases yet.</p>
            )}
            {canEdit ? <CsvImportForm org={org} agentId={agent.publicId} /> : null}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Run"
            description="Gemini answers every case with the prompt in use, then judges it."
          />
          <CardBody className="space-y-4">
            {canEdit && suite.cases.length > 0 && !active ? (
              <RunEvalForm org={org} agentId={agent.publicId} expectedCalls={data.expectedCalls} />
            ) : null}
            {run ? <RunResult run={run} /> : <p className="text-sm text-slate-600">No run yet.</p>}
          </CardBody>
        </Card>
      </div>
    </>
  );
}

function RunResult({ run }: { run: EvalRunResource }) {
  return (
    <section aria-label="Latest run" className="space-y-3">
      <p className="text-sm text-slate-800" aria-live="polite">
        <Badge>{run.status}</Badge> {run.progress.done} of {run.progress.total} cases · score {pct(run.score)}
        {run.passed === false ? " · a must-not was broken" : ""} · started{" "}
        {formatDateTime(new Date(run.created_at))}
      </p>
      {run.error ? <p className="text-sm text-red-700">{run.error}</p> : null}
      <ol className="space-y-3" aria-label="Verdicts">
        {run.cases.map((c) => (
          <li
            key={c.case_id}
            data-testid="eval-case-result"
            className="rounded-md border border-slate-200 p-3 text-sm"
          >
            <p className="font-medium text-slate-900">
              {c.input} — {c.passed ? "passed" : "failed"} ({pct(c.score)})
            </p>
            <p className="mt-1 whitespace-pre-line text-slate-700">{c.reply}</p>
            <ul className="mt-2 space-y-1">
              {c.verdicts.map((v) => (
                <li key={`${v.kind}:${v.text}`} className={v.met ? "text-emerald-800" : "text-red-800"}>
                  {v.met ? "✓" : "✗"} {v.kind === "must_not" ? "Must not: " : ""}
                  {v.text} — {v.reason}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
