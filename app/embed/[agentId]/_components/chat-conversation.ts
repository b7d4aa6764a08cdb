// The widget's conversation calls: resume after a reload, start a new one, rate an answer.
// The resume secret lives in this iframe's own (app-origin) storage and travels in a header,
// never in a URL; the host page never sees it.
export type ResumedMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  feedback: { rating: "up" | "down"; comment: string | null } | null;
};

const storageKey = (agentId: string) => `youragent:resume:${agentId}`;

export function storedSecret(agentId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(agentId));
  } catch {
    return null; // storage blocked: the chat simply starts fresh
  }
}

export function storeSecret(agentId: string, secret: string | null): void {
  try {
    if (secret) window.localStorage.setItem(storageKey(agentId), secret);
    else window.localStorage.removeItem(storageKey(agentId));
  } catch {
    // storage blocked: nothing to resume after a reload
  }
}

export async function resume(token: string, secret: string) {
  const res = await fetch("/api/widget/conversation", {
    headers: { Authorization: `Bearer ${token}`, "X-Resume-Secret": secret },
  }).catch(() => undefined);
  if (!res?.ok) return { ok: false as const, gone: res?.status === 404 };
  const body = (await res.json()) as {
    conversation_id: string;
    messages: ResumedMessage[];
    token: string;
    expires_at: number;
  };
  return { ok: true as const, ...body };
}

export async function startNew(token: string) {
  const res = await fetch("/api/widget/conversations", {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  }).catch(() => undefined);
  if (!res?.ok) return undefined;
  return (await res.json()) as { conversation_id: string; resume_secret: string };
}

export async function rate(token: string, messageId: string, rating: "up" | "down", comment?: string) {
  const res = await fetch("/api/widget/feedback", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ message_id: messageId, rating, ...(comment ? { comment } : {}) }),
  }).catch(() => undefined);
  return Boolean(res?.ok);
}
