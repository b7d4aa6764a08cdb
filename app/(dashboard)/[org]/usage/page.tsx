import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Td } from "@/components/ui/table";
import { requireOrgMembership } from "@/lib/auth/org-context";
import { monthStart, PLANS } from "@/lib/plans";
import { getUsageReport, nextMonthStart } from "@/lib/usage/report";
import { usageQuerySchema } from "@/lib/validations/usage";
import { DailyChart } from "./_components/daily-chart";
import { MessagesMeter } from "./_components/messages-meter";

export const metadata: Metadata = { title: "Usage" };

const fmt = (n: number) => n.toLocaleString("en-US");

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

type UsagePageProps = {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function UsagePage({ params, searchParams }: UsagePageProps) {
  const ctx = await requireOrgMembership((await params).org);
  const raw = (await searchParams).month;
  const parsed = usageQuerySchema.safeParse({ month: typeof raw === "string" ? raw : undefined });
  const month = parsed.success ? parsed.data.month : undefined;
  const report = await getUsageReport(ctx.org.id, month, { daily: true });
  const current = monthStart().slice(0, 7);
  const base = `/${ctx.org.slug}/usage`;
  return (
    <>
      <PageHeader
        title="Usage"
        description={`Chat messages and Gemini tokens of ${report.month} (UTC), against the ${PLANS[ctx.org.plan].name} plan.`}
        actions={
          <nav aria-label="Months" className="flex gap-3 text-sm font-medium">
            <Link href={`${base}?month=${shiftMonth(report.month, -1)}`} className="text-brand-700 underline">
              Previous month
            </Link>
            {report.month < current ? (
              <Link
                href={`${base}?month=${shiftMonth(report.month, 1)}`}
                className="text-brand-700 underline"
              >
                Next month
              </Link>
            ) : null}
          </nav>
        }
      />
      <div className="space-y-6">
        {!parsed.success ? (
          <Alert tone="error">
            The month in the address is not valid: use YYYY-MM, like {current}. Showing {report.month}.
          </Alert>
        ) : null}
        <Card>
          <CardHeader title="Messages this month" />
          <CardBody>
            <MessagesMeter
              id="usage-messages"
              used={report.messages.used}
              limit={report.messages.limit}
              planName={PLANS[ctx.org.plan].name}
              resetsOn={nextMonthStart(report.month)}
            />
            <p className="mt-3 text-sm text-slate-600">
              Tokens: {fmt(report.tokens.input)} in, {fmt(report.tokens.output)} out.
            </p>
          </CardBody>
        </Card>
        <Card>
          <CardBody>
            <DailyChart month={report.month} days={report.daily} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="By agent" />
          {report.byAgent.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-600">No chat replies in {report.month}.</p>
            </CardBody>
          ) : (
            <DataTable
              label="Usage by agent"
              columns={["Agent", "Messages", "Input tokens", "Output tokens"]}
            >
              {report.byAgent.map((a) => (
                <tr key={a.agent?.id ?? "deleted"}>
                  <Td>
                    {a.agent ? (
                      <Link
                        href={`/${ctx.org.slug}/agents/${a.agent.id}`}
                        className="font-medium text-slate-900"
                      >
                        {a.agent.name}
                      </Link>
                    ) : (
                      <span className="text-slate-500">Deleted agents</span>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{fmt(a.messages)}</Td>
                  <Td className="text-right tabular-nums">{fmt(a.inputTokens)}</Td>
                  <Td className="text-right tabular-nums">{fmt(a.outputTokens)}</Td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
