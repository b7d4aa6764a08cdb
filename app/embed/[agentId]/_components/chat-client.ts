import type { AnswerSource } from "./answer-sources";

// The embed page's network side: sending a message and reading the SSE reply, refreshing
// the session. Errors come back as problem+json and become kind messages in the widget.
export type SendResult =
  | { ok: true }
  | {
      ok: false;
      status: number;
      code?: string;
      retryAfter?: number;
      detail?: string;
      offlineMessage?: string;
    };

export async function postMessage(opts: {
  token: string;
  agentId: string;
  message: string;
  conversationId?: string;
  onConversation: (id: string, resumeSecret?: string) => void;
  onDelta: (text: string) => void;
  onDone?: (messageId: string) => void;
  onSources?: (sources: AnswerSource[]) => void;
}): Promise<SendResult> {
  const res = await fetch("/api/widget/messages", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${opts.token}` },
    body: JSON.stringify({
      message: opts.message,
      agent_id: opts.agentId,
      ...(opts.conversationId ? { conversation_id: opts.conversationId } : {}),
    }),
  });
  if (!res.ok || !res.body) {
    const problem = (await res.json().catch(() => ({}))) as {
      code?: string;
      detail?: string;
      offline_message?: string;
    };
    return {
      ok: false,
      status: res.status,
      code: problem.code,
      detail: problem.detail,
      offlineMessage: problem.offline_message,
      retryAfter: Number(res.headers.get("Retry-After")) || undefined,
    };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let failed: SendResult | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let cut = buffer.indexOf("\n\n");
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf("\n\n");
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const raw = /^data: (.*)$/m.exec(block)?.[1];
      const data = raw ? (JSON.parse(raw) as Record<string, string>) : {};
      if (event === "sources")
        opts.onSources?.((data as unknown as { sources: AnswerSource[] }).sources ?? []);
      if (event === "conversation" && data.conversation_id)
        opts.onConversation(data.conversation_id, data.resume_secret);
      else if (event === "done" && data.message_id) opts.onDone?.(data.message_id);
      else if (event === "delta" && data.text) opts.onDelta(data.text);
      else if (event === "error") failed = { ok: false, status: 502, code: data.code, detail: data.message };
    }
  }
  return failed ?? { ok: true };
}

export async function refreshSession(
  token: string,
): Promise<{ token: string; expires_at: number } | undefined> {
  const res = await fetch("/api/widget/session", {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  }).catch(() => undefined);
  return res?.ok ? ((await res.json()) as { token: string; expires_at: number }) : undefined;
}

/** A short two-note chime through Web Audio (no asset to load). */
export function playChime(): void {
  try {
    const Ctx = window.AudioContext;
    const ctx = new Ctx();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.setValueAtTime(660, ctx.currentTime);
    osc.frequency.setValueAtTime(880, ctx.currentTime + 0.08);
    gain.gain.setValueAtTime(0.05, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
  } catch {
    // sound is optional
  }
}

export function noticeFor(r: Exclude<SendResult, { ok: true }>): string {
  // The org's monthly messages are used up: the agent's own offline message, not an error.
  if (r.code === "quota_exhausted")
    return r.offlineMessage ?? "We can't chat right now. Please try again later.";
  if (r.status === 429) {
    const wait = r.retryAfter ? ` in ${r.retryAfter} second${r.retryAfter === 1 ? "" : "s"}` : " in a moment";
    return `You're sending messages a little quickly. Please try again${wait} — we'll be right here.`;
  }
  if (r.code === "llm_not_configured") return "Chat isn't available right now. Please try again later.";
  if (r.status === 401) return "Your chat session was renewed. Please send your message again.";
  if (r.status === 422) return r.detail ?? "That message can't be sent. Please shorten it and try again.";
  return "Sorry, the assistant couldn't answer just now. Please try again.";
}
