import { ArrowLeft, Bot, ThumbsDown, ThumbsUp, User } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMembership } from "@/lib/auth/org-context";
import { loadTranscript } from "@/lib/conversations/dashboard";
import type { MessageResource } from "@/lib/conversations/types";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format-date";
import { Thumbs } from "../_components/conversation-table";

export const metadata: Metadata = { title: "Transcript" };

type Source = { title?: unknown; url?: unknown; snippet?: unknown };

function Sources({ sources }: { sources: unknown[] }) {
  if (sources.length === 0) return null;
  return (
    <div className="mt-2 text-xs text-slate-600">
      <p className="font-medium">Sources</p>
      <ul className="list-inside list-disc">
        {(sources as Source[]).map((s, i) => (
          <li key={i}>{typeof s.title === "string" ? s.title : "Untitled source"}</li>
        ))}
      </ul>
    </div>
  );
}

function Message({ m }: { m: MessageResource }) {
  const assistant = m.role === "assistant";
  const Icon = assistant ? Bot : User;
  return (
    <li className="flex gap-3 px-4 py-4 sm:px-6">
      <span className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-slate-100 text-slate-600">
        <Icon aria-hidden className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-xs text-slate-500">
          <span className="font-medium text-slate-700">{assistant ? "Agent" : "Visitor"}</span> ·{" "}
          <time dateTime={m.created_at}>{formatDateTime(new Date(m.created_at))}</time>
          {m.usage ? (
            <>
              {" "}
              · {m.usage.input_tokens} input / {m.usage.output_tokens} output tokens
            </>
          ) : null}
        </p>
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-900">{m.content}</p>
        {m.feedback ? (
          <p className="mt-2 inline-flex items-center gap-1.5 text-xs text-slate-700">
            {m.feedback.rating === "up" ? (
              <ThumbsUp aria-hidden className="size-4 text-green-700" />
            ) : (
              <ThumbsDown aria-hidden className="size-4 text-red-700" />
            )}
            <span>{m.feedback.rating === "up" ? "Rated helpful" : "Rated not helpful"}</span>
            {m.feedback.comment ? <q className="text-slate-600">{m.feedback.comment}</q> : null}
          </p>
        ) : null}
        <Sources sources={m.sources} />
      </div>
    </li>
  );
}

type Props = { params: Promise<{ org: string; id: string }>; searchParams: Promise<{ cursor?: string }> };

export default async function TranscriptPage(props: Props) {
  const [{ org: slug, id }, { cursor }] = await Promise.all([props.params, props.searchParams]);
  const ctx = await requireOrgMembership(slug);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const t = await loadTranscript(ctx.org.id, id, typeof cursor === "string" ? cursor : undefined).catch(
    (e: unknown) => {
      if (e instanceof AppError && (e.code === "not_found" || e.code === "invalid_cursor")) notFound();
      throw e;
    },
  );
  const c = t.conversation;
  const tokens = t.messages.reduce(
    (sum, m) => ({
      input: sum.input + (m.usage?.input_tokens ?? 0),
      output: sum.output + (m.usage?.output_tokens ?? 0),
    }),
    { input: 0, output: 0 },
  );
  return (
    <>
      <Link
        href={`/${ctx.org.slug}/conversations`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
      >
        <ArrowLeft aria-hidden className="size-4" /> All conversations
      </Link>
      <PageHeader
        title={`Conversation with ${c.agent.name}`}
        description={
          <>
            {c.user
              ? `${c.user.name ?? c.user.id}${c.user.email ? ` (${c.user.email})` : ""}`
              : `Visitor ${c.visitor_id}`}{" "}
            · started <time dateTime={c.started_at}>{formatDateTime(new Date(c.started_at))}</time>
          </>
        }
      />
      <Card className="mb-4">
        <CardBody>
          <dl className="grid gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-slate-500">Messages</dt>
              <dd className="font-medium text-slate-900">{c.message_count}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Feedback</dt>
              <dd className="font-medium text-slate-900">
                <Thumbs up={c.feedback.up} down={c.feedback.down} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Tokens (this page)</dt>
              <dd className="font-medium text-slate-900">
                {tokens.input} input / {tokens.output} output
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Last message</dt>
              <dd className="font-medium text-slate-900">{formatDateTime(new Date(c.last_message_at))}</dd>
            </div>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Transcript" />
        <ol aria-label="Messages" className="divide-y divide-slate-100">
          {t.messages.map((m) => (
            <Message key={m.id} m={m} />
          ))}
        </ol>
      </Card>
      {t.next ? (
        <div className="mt-4 flex justify-end">
          <ButtonLink variant="secondary" href={`/${ctx.org.slug}/conversations/${c.id}?cursor=${t.next}`}>
            Later messages
          </ButtonLink>
        </div>
      ) : null}
    </>
  );
}
