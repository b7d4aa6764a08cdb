import "server-only";
import { z } from "zod";
import { db } from "@/db";
import { agentActivityByDay, listAgentChoices } from "@/db/queries/conversation-inbox";
import type { ConversationRow } from "@/db/queries/conversation-read";
import { AppError } from "@/lib/errors";
import { hasUnstorableText } from "@/lib/http/json-guard";
import { getConversation, listConversationMessages, pageConversationRows } from "./read";
import { snippetParts } from "./snippet";
import type { InboxRow, InboxSearch } from "./types";

// Reads behind the dashboard's conversations pages. The caller has checked membership
// (requireOrgMembership); the org id comes from that context, never from the URL.

export const INBOX_PAGE_SIZE = 25;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Typed text to search for: trimmed, storable, at most `max` characters; else no filter. */
const searchText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !hasUnstorableText(s))
    .optional()
    .catch(undefined);

/** The inbox's URL state. Bad values fall back to "no filter": a page never 422s. */
const inboxSearchSchema = z.object({
  agent: z.uuid().optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  rating: z.enum(["up", "down", "none"]).optional().catch(undefined),
  q: searchText(200),
  user: searchText(255),
  cursor: z.string().max(4096).optional().catch(undefined),
});

export function parseInboxSearch(raw: Record<string, string | string[] | undefined>): InboxSearch {
  const flat = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === "" ? undefined : v]),
  );
  return inboxSearchSchema.parse(flat);
}

const startOfDay = (d: string) => `${d}T00:00:00.000Z`;
const startOfNextDay = (d: string) => new Date(Date.parse(startOfDay(d)) + 86_400_000).toISOString();

function toInboxRow(r: ConversationRow): InboxRow {
  return {
    id: r.public_id,
    agent: { id: r.agent_public_id, name: r.agent_name },
    visitorId: r.visitor_id,
    user: r.user_sub ? { id: r.user_sub, name: r.user_name, email: r.user_email } : null,
    startedAt: new Date(r.created_at),
    lastMessageAt: new Date(r.last_message_at),
    messageCount: r.message_count,
    up: r.feedback_up,
    down: r.feedback_down,
    snippet: r.snippet ? snippetParts(r.snippet) : null,
  };
}

/** One page of the inbox (one statement) and the agent filter's choices (one statement). */
export async function loadInbox(organizationId: number, s: InboxSearch, limit = INBOX_PAGE_SIZE) {
  const query = {
    agent_id: s.agent,
    since: s.from ? startOfDay(s.from) : undefined,
    until: s.to ? startOfNextDay(s.to) : undefined,
    rating: s.rating,
    user_id: s.user,
    q: s.q,
    limit,
    cursor: s.cursor,
  };
  let staleCursor = false;
  const page = await pageConversationRows(organizationId, query).catch(async (e: unknown) => {
    // A cursor of other filters (an edited URL) restarts at the first page rather than failing.
    if (!(e instanceof AppError) || e.code !== "invalid_cursor") throw e;
    staleCursor = true;
    return pageConversationRows(organizationId, { ...query, cursor: undefined });
  });
  const agents = await listAgentChoices(db, organizationId);
  return {
    rows: page.rows.map(toInboxRow),
    nextCursor: page.nextCursor,
    staleCursor,
    agents: agents.map((a) => ({ id: a.public_id, name: a.name })),
  };
}

/** The transcript: the conversation with a page of messages (after `cursor`, else the first). */
export async function loadTranscript(organizationId: number, publicId: string, cursor?: string) {
  const conversation = await getConversation(organizationId, publicId);
  if (!cursor)
    return { conversation, messages: conversation.messages, next: conversation.messages_next_cursor };
  const page = await listConversationMessages(organizationId, publicId, cursor);
  return { conversation, messages: page.data, next: page.pagination.next_cursor };
}

/** An agent page's panel: its five latest conversations and its last 30 days. */
export async function loadAgentConversations(
  organizationId: number,
  agent: { id: number; publicId: string },
) {
  const recent = await pageConversationRows(organizationId, { agent_id: agent.publicId, limit: 5 });
  const days = await agentActivityByDay(db, agent.id, 30);
  return { recent: recent.rows.map(toInboxRow), days };
}
