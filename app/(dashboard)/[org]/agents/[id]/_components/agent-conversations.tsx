import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AgentDay, InboxRow } from "@/lib/conversations/types";
import { ConversationTable } from "../../../conversations/_components/conversation-table";

const W = 600;
const H = 120;

/** Server-rendered SVG: bars of messages with conversations in front; no script needed to read it. */
function ActivityChart({ days }: { days: AgentDay[] }) {
  const max = Math.max(1, ...days.map((d) => d.messages));
  const slot = W / days.length;
  const bar = (n: number) => (n / max) * (H - 10);
  return (
    <svg
      viewBox={`0 0 ${W} ${H + 16}`}
      role="img"
      aria-labelledby="agent-chart-title"
      className="h-auto w-full"
    >
      {/* One string child: a <title> with several children renders differently on the server and
          in the browser, and the hydration mismatch re-mounts the page (losing what was typed). */}
      <title id="agent-chart-title">{`Conversations and messages per day, last ${days.length} days: ${days
        .map((d) => `${d.day} ${d.conversations} conversations ${d.messages} messages`)
        .join("; ")}`}</title>
      <line x1={0} y1={H} x2={W} y2={H} className="stroke-slate-300" />
      {days.map((d, i) => (
        <g key={d.day}>
          <rect
            x={i * slot + 2}
            y={H - bar(d.messages)}
            width={slot - 4}
            height={bar(d.messages)}
            className="fill-slate-300"
          />
          <rect
            x={i * slot + slot / 4}
            y={H - bar(d.conversations)}
            width={slot / 2}
            height={bar(d.conversations)}
            className="fill-brand-600"
          />
        </g>
      ))}
      <text x={0} y={H + 13} className="fill-slate-600 text-[10px]">
        {days[0]?.day}
      </text>
      <text x={W} y={H + 13} textAnchor="end" className="fill-slate-600 text-[10px]">
        {days.at(-1)?.day}
      </text>
    </svg>
  );
}

export function AgentConversations({
  org,
  agentId,
  recent,
  days,
}: {
  org: string;
  agentId: string;
  recent: InboxRow[];
  days: AgentDay[];
}) {
  const total = days.reduce(
    (s, d) => ({ c: s.c + d.conversations, m: s.m + d.messages, up: s.up + d.up, down: s.down + d.down }),
    { c: 0, m: 0, up: 0, down: 0 },
  );
  const rated = total.up + total.down;
  return (
    <Card>
      <CardHeader
        title="Conversations"
        description={
          <>
            Last 30 days: {total.c} conversations, {total.m} messages, thumbs-up rate{" "}
            {rated ? `${Math.round((total.up / rated) * 100)} % of ${rated} ratings` : "— (no ratings)"}.
          </>
        }
        actions={
          <ButtonLink variant="secondary" href={`/${org}/conversations?agent=${agentId}`}>
            All of this agent's
          </ButtonLink>
        }
      />
      <CardBody>
        <ActivityChart days={days} />
        <p className="mt-1 flex gap-4 text-xs text-slate-600">
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block size-3 bg-brand-600" /> Conversations started
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block size-3 bg-slate-300" /> Messages
          </span>
        </p>
      </CardBody>
      {recent.length ? (
        <ConversationTable org={org} rows={recent} showAgent={false} />
      ) : (
        <CardBody>
          <p className="text-sm text-slate-600">No conversations yet.</p>
        </CardBody>
      )}
    </Card>
  );
}
