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
const cookieName = (agentId: string) => `youragent_resume_${agentId.replace(/[^A-Za-z0-9-]/g, "")}`;
// Where a browser blocks third-party storage (Chrome with third-party cookies off, incognito),
// this cross-site iframe's localStorage throws; a partitioned (CHIPS) cookie is still allowed,
// kept for this host site only. It is scoped to the embed pages, the only documents that read it.
const COOKIE_ATTRS = "Path=/embed/; Secure; SameSite=None; Partitioned";
const COOKIE_MAX_AGE_S = 400 * 24 * 3600; // the longest a browser keeps a cookie

function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function storedSecret(agentId: string): string | null {
  const store = localStore();
  if (store) return store.getItem(storageKey(agentId));
  const prefix = `${cookieName(agentId)}=`;
  const found = document.cookie.split("; ").find((c) => c.startsWith(prefix));
  return found ? found.slice(prefix.length) : null;
}

export function storeSecret(agentId: string, secret: string | null): void {
  const store = localStore();
  try {
    if (!store) writeCookie(agentId, secret);
    else if (secret) store.setItem(storageKey(agentId), secret);
    else store.removeItem(storageKey(agentId));
  } catch {
    // storage full or cookies blocked too: nothing to resume after a reload
  }
}

function writeCookie(agentId: string, secret: string | null): void {
  const maxAge = secret ? COOKIE_MAX_AGE_S : 0;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in some browsers; the value is base64url, nothing to escape
  document.cookie = `${cookieName(agentId)}=${secret ?? ""}; Max-Age=${maxAge}; ${COOKIE_ATTRS}`;
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
