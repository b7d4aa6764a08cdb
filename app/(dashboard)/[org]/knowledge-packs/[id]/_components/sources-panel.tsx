"use client";

import { useEffect, useRef, useState } from "react";
import { awaitingHydration, useHydrated } from "@/components/hydration";
import { Button } from "@/components/ui/button";
import {
  addUrlSourceAction,
  deleteSourceAction,
  refreshSourcesAction,
  resyncSourceAction,
  uploadSourceAction,
} from "../source-actions";
import { SourceAdders } from "./source-adders";

// A pack's sources with live status: while any is pending or processing, the list polls.
export type SourceView = {
  id: string;
  type: "text" | "file" | "url";
  title: string;
  url: string | null;
  filename: string | null;
  status: "pending" | "processing" | "ready" | "failed";
  error: string | null;
  progress: { done: number; total: number };
  chunks: number;
  sync: string;
  last_synced_at: string | null;
};

type ActionResult = { ok: boolean; message?: string; error?: string; data?: unknown };
const POLL_MS = 1500;

export function form(fields: Record<string, string | Blob>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const STATUS_STYLE: Record<SourceView["status"], string> = {
  pending: "bg-slate-100 text-slate-700",
  processing: "bg-blue-100 text-blue-800",
  ready: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};

export function SourcesPanel(props: { org: string; pack: string; initial: SourceView[]; isAdmin: boolean }) {
  const [sources, setSources] = useState(props.initial);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const hydrated = useHydrated();
  const busy = sources.some((s) => s.status === "pending" || s.status === "processing");
  const base = { org: props.org, pack: props.pack };
  const baseRef = useRef(base);

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(async () => {
      const r = (await refreshSourcesAction({ ok: true }, form(baseRef.current))) as ActionResult;
      if (r.ok && Array.isArray(r.data)) setSources(r.data as SourceView[]);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [busy]);

  async function run(action: typeof addUrlSourceAction, fields: Record<string, string | Blob>) {
    const r = (await action({ ok: true }, form({ ...base, ...fields }))) as ActionResult;
    if (r.ok && Array.isArray(r.data)) setSources(r.data as SourceView[]);
    setNotice(
      r.ok
        ? { tone: "ok", text: r.message ?? "Done." }
        : { tone: "error", text: r.error ?? "That did not work." },
    );
    return r.ok;
  }

  return (
    <div className="space-y-4" data-hydrated={hydrated ? "true" : undefined} {...awaitingHydration(hydrated)}>
      {notice ? (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          className={notice.tone === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}
        >
          {notice.text}
        </p>
      ) : null}
      {sources.length === 0 ? (
        <p className="text-sm text-slate-600">No sources yet. Upload a file or add a web page.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Sources">
          {sources.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-3 py-3" data-source-title={s.title}>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{s.title}</p>
                <p className="text-xs text-slate-600">
                  {s.type === "url" ? s.url : s.type === "file" ? s.filename : "Pasted text"} · {s.chunks}{" "}
                  passages · sync {s.sync}
                </p>
                {s.error ? <p className="text-xs text-red-700">{s.error}</p> : null}
              </div>
              <span
                className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[s.status]}`}
                data-status={s.status}
              >
                {s.status}
                {s.status === "processing" ? ` ${s.progress.done}/${s.progress.total}` : ""}
              </span>
              {props.isAdmin ? (
                <span className="flex gap-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => void run(resyncSourceAction, { source: s.id })}
                  >
                    Re-sync<span className="sr-only"> {s.title}</span>
                  </Button>
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => void run(deleteSourceAction, { source: s.id })}
                  >
                    Delete<span className="sr-only"> {s.title}</span>
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.isAdmin ? (
        <SourceAdders
          onUpload={(file) => run(uploadSourceAction, { file })}
          onAddUrl={(fields) => run(addUrlSourceAction, fields)}
        />
      ) : null}
    </div>
  );
}
