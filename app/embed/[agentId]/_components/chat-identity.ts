import type { ResumedMessage } from "./chat-conversation";

// The embed page's identity calls. The site's token arrives from the parent window only (see
// use-identity.ts), goes in a request body to our own origin, and is dropped once exchanged.
export type IdentityMode = "off" | "optional" | "required";
export type VerifiedUser = { id: string; name: string | null; email: string | null };
export type HistoryEntry = {
  conversation_id: string;
  last_message_at: string;
  message_count: number;
  preview: string | null;
};

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Only `{ type, token }` of the expected shape is taken; anything else is ignored. */
export function parseIdentityMessage(data: unknown): { token: string | null } | "logout" | undefined {
  if (!data || typeof data !== "object") return undefined;
  const m = data as { type?: unknown; token?: unknown };
  if (m.type === "youragent:logout") return "logout";
  if (m.type !== "youragent:identity") return undefined;
  if (m.token === null) return { token: null };
  return typeof m.token === "string" && m.token.length <= 4096 && JWT_SHAPE.test(m.token)
    ? { token: m.token }
    : undefined;
}

export async function exchangeIdentity(agentId: string, identityToken: string, sessionToken: string) {
  const res = await fetch("/api/widget/session", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(sessionToken ? { Authorization: `Bearer ${sessionToken}` } : {}),
    },
    body: JSON.stringify({ identity_token: identityToken, agent_id: agentId }),
  }).catch(() => undefined);
  if (!res?.ok) return undefined;
  return (await res.json()) as { token: string; expires_at: number; user: VerifiedUser | null };
}

/** The user's latest conversation, or the one named; undefined when there is none. */
export async function openUserConversation(token: string, conversationId?: string) {
  const query = conversationId ? `?conversation_id=${encodeURIComponent(conversationId)}` : "";
  const res = await fetch(`/api/widget/conversation${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  }).catch(() => undefined);
  if (!res?.ok) return undefined;
  return (await res.json()) as { conversation_id: string; messages: ResumedMessage[] };
}

export async function listHistory(token: string): Promise<HistoryEntry[]> {
  const res = await fetch("/api/widget/conversations", {
    headers: { Authorization: `Bearer ${token}` },
  }).catch(() => undefined);
  if (!res?.ok) return [];
  return ((await res.json()) as { data: HistoryEntry[] }).data;
}
